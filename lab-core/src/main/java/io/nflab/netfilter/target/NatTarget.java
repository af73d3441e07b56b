package io.nflab.netfilter.target;

import java.util.Objects;

/**
 * {@code -j DNAT}/{@code -j SNAT}: rewrite the destination or source of a new connection to an address
 * and port of {@code range}; {@code random}, {@code persistent}, {@code fullyRandom} as the kernel's
 * range flags.
 */
public record NatTarget(Kind kind, NatRange range, boolean random, boolean persistent, boolean fullyRandom)
        implements Target {

    /** Which address of the connection is rewritten. */
    public enum Kind { DNAT, SNAT }

    public NatTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(range, "range");
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
