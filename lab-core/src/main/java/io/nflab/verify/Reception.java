package io.nflab.verify;

import java.util.Objects;

/**
 * One packet arriving at a node's interface from the wire (or looped back on {@code lo}), with its headers
 * as {@link PacketComparison#describe} writes them.
 */
public record Reception(String node, String iface, String packet) {
    public Reception {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(packet, "packet");
    }

    @Override
    public String toString() {
        return node + ":" + iface + " < " + packet;
    }
}
