package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;
import java.util.Objects;

/** A value read from a file together with where it was written, for checks that compare values later. */
public record Located<T>(T value, SourceLocation location) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }
}
