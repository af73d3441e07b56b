package io.nflab.verify;

import java.util.Objects;

/** What a command ({@code program}: {@code iptables}, {@code iptables-save}, {@code conntrack}) printed and how it exited. */
public record CommandOutput(String program, int exitCode, String stdout, String stderr) {
    public CommandOutput {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }
}
