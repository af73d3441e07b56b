package io.nflab.console;

import java.util.Objects;

/** Where a node command's standard input comes from. */
public sealed interface Stdin {

    /** No input: the command reads an empty stdin. */
    record None() implements Stdin {
    }

    /** {@code < FILE}: the file's text; a relative path is resolved against the lab's folder. */
    record FromFile(String path) implements Stdin {
        public FromFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code << WORD}: the console lines that follow, up to a line that is exactly {@code delimiter}. */
    record HereDocument(String delimiter) implements Stdin {
        public HereDocument {
            Objects.requireNonNull(delimiter, "delimiter");
        }
    }

    /**
     * The console lines that follow, up to and including a line {@code COMMIT}: how {@code iptables-restore}
     * typed without a redirection reads one table.
     */
    record UntilCommit() implements Stdin {
        /** The line that ends the input (and is part of it). */
        public static final String COMMIT = "COMMIT";
    }
}
