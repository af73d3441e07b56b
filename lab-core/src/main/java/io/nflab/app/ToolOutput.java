package io.nflab.app;

import java.util.Objects;

/** What a client program printed and how it exited, as a shell would see it. */
public record ToolOutput(String stdout, String stderr, int exitCode) {

    public ToolOutput {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
