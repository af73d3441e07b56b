package io.nflab.netfilter.eval;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;

/** A port range with {@code !}, as the kernel's {@code port_match(min, max, port, invert)}. */
final class PortCondition {
    private final int first;
    private final int last;
    private final boolean negated;

    PortCondition(Negatable<PortRange> range) {
        this(range.value().first(), range.value().last(), range.negated());
    }

    PortCondition(int first, int last, boolean negated) {
        this.first = first;
        this.last = last;
        this.negated = negated;
    }

    boolean test(int port) {
        return (port >= first && port <= last) != negated;
    }
}
