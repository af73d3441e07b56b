package io.nflab.netfilter.target;

import java.util.Objects;

/** {@code -j MASQUERADE [--to-ports P[-Q]] [--random] [--random-fully]}: SNAT to the outgoing interface's address. */
public record MasqueradeTarget(NatRange ports, boolean random, boolean fullyRandom) implements Target {

    public MasqueradeTarget {
        Objects.requireNonNull(ports, "ports");
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
