package io.nflab.lab;

import io.nflab.stack.ConsoleResult;
import java.util.Objects;
import java.util.Optional;

/**
 * A console command on a node: either done at once ({@code done}: iptables, ip, a refused client …) or a
 * client program started, whose first frames are in {@code run} and whose end a later {@link NodeRun}
 * reports (or {@code run} itself, when it ended at once).
 */
public record Execution(Optional<ConsoleResult> done, NodeRun run) {
    public Execution {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(run, "run");
    }
}
