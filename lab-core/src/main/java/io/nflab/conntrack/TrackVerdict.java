package io.nflab.conntrack;

/**
 * What a protocol tracker decided about a packet (the kernel's {@code *_packet} return values), with the
 * reason the kernel would log for invalid packets.
 */
enum TrackVerdict {
    /** Part of the connection: state updated, timeout renewed, packet counted. */
    ACCEPT(null),
    /** Accepted but left out of the state machine (TCP {@code sIG}, RFC 5961 challenge ACK). */
    IGNORED(null),
    /** Accepted and counted, then the entry is deleted (TCP RST before any reply). */
    KILL(null),
    /** The packet reopens a closed TCP connection: delete the entry and track the packet anew. */
    REPEAT(null),
    INVALID_TCP_FLAGS("invalid tcp flag combination"),
    INVALID_TCP_NEW("invalid new"),
    INVALID_TCP_STATE("invalid packet for the TCP state"),
    INVALID_ICMP_NEW("can't create new conn with this ICMP type");

    private final String reason;

    TrackVerdict(String reason) {
        this.reason = reason;
    }

    boolean isInvalid() {
        return reason != null;
    }

    String reason() {
        return reason;
    }
}
