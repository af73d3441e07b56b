package io.nflab.netfilter.target;

import java.util.Objects;

/** {@code -j REDIRECT [--to-ports P[-Q]] [--random]}: DNAT to the receiving interface's primary address (127.0.0.1 from OUTPUT). */
public record RedirectTarget(NatRange ports, boolean random) implements Target {

    public RedirectTarget {
        Objects.requireNonNull(ports, "ports");
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
