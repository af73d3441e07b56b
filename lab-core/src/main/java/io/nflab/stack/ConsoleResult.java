package io.nflab.stack;

import java.util.Objects;

/** What a console command printed and its exit code. */
public record ConsoleResult(int exitCode, String stdout, String stderr) {
    public ConsoleResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
