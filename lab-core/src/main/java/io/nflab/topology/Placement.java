package io.nflab.topology;

import java.util.Objects;

/**
 * Where in an Akka cluster a node or segment runs: the cluster member carrying this role. Without a
 * placement the lab decides; on one machine placement has no effect.
 */
public record Placement(String member) {

    public Placement {
        Objects.requireNonNull(member, "member");
        if (member.isBlank()) {
            throw new IllegalArgumentException("empty placement");
        }
    }
}
