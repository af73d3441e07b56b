package io.nflab.kernel;

import java.util.Objects;

/** An interface of a node, by name; prints as {@code node:interface}. */
public record NodeInterface(String node, String iface) {

    public NodeInterface {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
    }

    @Override
    public String toString() {
        return node + ":" + iface;
    }
}
