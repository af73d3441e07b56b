package io.nflab.diagnostics;

import java.util.Objects;

/**
 * A place in a user's file: the file as the user named it, and a 1-based line and column.
 * Prints as {@code FILE:LINE:COLUMN}, the way compilers name a place.
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** The first character of a file, for problems that concern the whole file (an empty file). */
    public static SourceLocation startOf(String file) {
        return new SourceLocation(file, 1, 1);
    }

    /** The place {@code count} characters further right on the same line. */
    public SourceLocation shiftedRight(int count) {
        return new SourceLocation(file, line, column + count);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
