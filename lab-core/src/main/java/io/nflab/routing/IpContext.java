package io.nflab.routing;

import io.nflab.link.NeighbourAction;
import io.nflab.link.NetDevice;
import java.util.function.Consumer;

/** One run of an {@code ip} command: the namespace, the lab clock, where output goes, and the global options. */
final class IpContext<P> {
    final IpNamespace<P> namespace;
    final long now;
    final Consumer<NeighbourAction<P>> actions;
    final StringBuilder out = new StringBuilder();
    final StringBuilder err = new StringBuilder();
    /** {@code -4}: the address family is known to be inet. */
    boolean inet;
    /** {@code -br}/{@code -brief}. */
    boolean brief;

    IpContext(IpNamespace<P> namespace, long now, Consumer<NeighbourAction<P>> actions) {
        this.namespace = namespace;
        this.now = now;
        this.actions = actions;
    }

    /** The device named {@code name}, or iproute2's {@code Cannot find device "NAME"} (exit 1). */
    NetDevice device(String name) {
        return namespace.links().byName(name).orElseThrow(() -> IpExit.noDevice(name));
    }
}
