package io.nflab.topology;

import java.util.Objects;

/** An interface of a node, seen from the segment it attaches to; prints as {@code node:interface}. */
public record Attachment(String node, InterfaceSpec iface) {

    public Attachment {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
    }

    @Override
    public String toString() {
        return node + ":" + iface.name();
    }
}
