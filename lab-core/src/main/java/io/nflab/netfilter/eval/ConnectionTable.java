package io.nflab.netfilter.eval;

/**
 * The namespace's conntrack table as {@code -m connlimit} needs it (the kernel's nf_conncount asks
 * {@code nf_conntrack_find_get}): whether a connection is still there and still counts.
 */
@FunctionalInterface
public interface ConnectionTable {

    /** A table without connections: connlimit counts only the packet's own connection. */
    ConnectionTable EMPTY = (protocol, source, destination, sourcePort, destinationPort, zone, now) -> false;

    /**
     * Whether a confirmed connection with this tuple (of either direction) exists in {@code zone} at lab time
     * {@code now} and is not closed; a TCP connection in TIME_WAIT or CLOSE no longer counts. The ports are
     * the tuple's layer-4 fields: for ICMP the identifier and {@code type << 8 | code}.
     */
    boolean isOpen(int protocol, int source, int destination, int sourcePort, int destinationPort, int zone,
                   long now);
}
