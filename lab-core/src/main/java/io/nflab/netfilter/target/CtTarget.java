package io.nflab.netfilter.target;

import java.util.Objects;

/**
 * {@code -j CT} (raw table): {@code --notrack}, or a template for the new connection: {@code --helper}
 * name (empty when none) and conntrack {@code --zone} (0 by default).
 */
public record CtTarget(boolean notrack, String helper, int zone) implements Target {

    public CtTarget {
        Objects.requireNonNull(helper, "helper");
        if (zone < 0 || zone > 65535) {
            throw new IllegalArgumentException("zone " + zone);
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
