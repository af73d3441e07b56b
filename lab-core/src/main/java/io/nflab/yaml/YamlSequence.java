package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;
import java.util.List;
import java.util.Objects;

/** A sequence (a YAML list), its items in order. */
public record YamlSequence(List<YamlNode> items, SourceLocation location) implements YamlNode {

    public YamlSequence {
        items = List.copyOf(items);
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String describe() {
        return "a list";
    }
}
