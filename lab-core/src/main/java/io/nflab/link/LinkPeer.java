package io.nflab.link;

import java.util.Objects;

/**
 * The other end of a device's link, printed the way {@code ip} prints a veth peer that lives in another
 * namespace: {@code eth0@if5} (the peer's ifindex) and {@code link-netns NAME}. In nflab the peer is the
 * segment's port: {@code namespace} names the segment and {@code ifindex} the port's index there.
 */
public record LinkPeer(int ifindex, String namespace) {

    public LinkPeer {
        Objects.requireNonNull(namespace, "namespace");
        if (ifindex < 1) {
            throw new IllegalArgumentException("ifindex must be positive: " + ifindex);
        }
        if (namespace.isEmpty() || namespace.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("not a namespace name: '" + namespace + "'");
        }
    }
}
