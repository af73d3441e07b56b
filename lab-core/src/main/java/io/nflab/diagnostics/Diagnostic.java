package io.nflab.diagnostics;

import java.util.Objects;

/** One problem in a user's file: where it is and what is wrong (and what was expected). */
public record Diagnostic(SourceLocation location, String message) {

    public Diagnostic {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a diagnostic is one line: " + message);
        }
    }

    /** {@code FILE:LINE:COLUMN: message}, one line. */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
