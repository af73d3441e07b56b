package io.nflab.netfilter.eval;

/**
 * How a packet arrived at the link layer, the kernel's {@code skb->pkt_type}: what {@code -m pkttype}
 * tests. {@link #HOST} is a unicast frame for this host (iptables calls it {@code unicast}); locally
 * generated packets are {@link #HOST} too, and {@link #LOOPBACK} once looped back.
 */
public enum LinkType {
    /** PACKET_HOST: to this host's own link-layer address (or generated here). */
    HOST,
    /** PACKET_BROADCAST: to the link-layer broadcast address. */
    BROADCAST,
    /** PACKET_MULTICAST: to a link-layer multicast address. */
    MULTICAST,
    /** PACKET_OTHERHOST: to another host's address (promiscuous reception). */
    OTHERHOST,
    /** PACKET_LOOPBACK: looped back by the loopback device or a multicast loop. */
    LOOPBACK
}
