package io.nflab.lab;

import java.util.Objects;
import java.util.Optional;
import io.nflab.socket.Outcome;

/** How a client program ended: what it printed, its exit code and, for connect/nc, the connection's outcome. */
public record ClientResult(String stdout, String stderr, int exitCode, Optional<Outcome> outcome) {
    public ClientResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(outcome, "outcome");
    }
}
