package io.nflab.lab;

import io.nflab.socket.Outcome;
import io.nflab.stack.Lists;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link LabSession} call caused, from the lab clock at its start to the clock when the lab was
 * quiet again: the command's output (empty and exit 0 for calls that print nothing), the connection
 * outcome of a {@code connect}/{@code nc} client, every packet that was put on the way meanwhile
 * (in the order they were created) and the lab's events (faults, restarts, members lost).
 */
public record Activity(long startNanos, long endNanos, String stdout, String stderr, int exitCode,
                       Optional<Outcome> outcome, List<PacketStory> packets, List<LabEvent> events) {
    public Activity {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(outcome, "outcome");
        packets = Lists.copyOf(packets);
        events = Lists.copyOf(events);
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("activity ends before it starts: " + endNanos + " < " + startNanos);
        }
    }
}
