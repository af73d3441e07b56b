package io.nflab.iptables;

import java.util.Objects;

/** What an iptables command printed and the exit code it ended with. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
