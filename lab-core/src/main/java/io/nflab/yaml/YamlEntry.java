package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;
import java.util.Objects;

/** One {@code key: value} of a mapping, with the place of the key. */
public record YamlEntry(String key, SourceLocation keyLocation, YamlNode value) {

    public YamlEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyLocation, "keyLocation");
        Objects.requireNonNull(value, "value");
    }
}
