package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A mapping, its entries in the order written; keys are unique ({@link YamlTreeReader} reports duplicates). */
public record YamlMapping(List<YamlEntry> entries, SourceLocation location) implements YamlNode {

    public YamlMapping {
        entries = List.copyOf(entries);
        Objects.requireNonNull(location, "location");
    }

    public Optional<YamlEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
