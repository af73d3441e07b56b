package io.nflab.kernel;

/**
 * What a captured frame was to the interface that saw it, as the kernel classifies it for packet
 * sockets ({@code sll_pkttype} in packet(7)).
 */
public enum PacketType {
    /** Received, addressed to this interface's MAC. */
    HOST(0),
    /** Received, sent to the broadcast MAC (ARP requests). */
    BROADCAST(1),
    /** Received, sent to a multicast MAC. */
    MULTICAST(2),
    /** Received, addressed to another MAC: a bridge flooded a frame it had not yet learned where to send. */
    OTHERHOST(3),
    /** Sent by this interface. */
    OUTGOING(4),
    /** A multicast or broadcast frame this host sent, looped back to it. */
    LOOPBACK(5);

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The type with this {@code sll_pkttype} value. */
    public static PacketType of(int code) {
        for (PacketType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown packet socket packet type " + code);
    }

    public Direction direction() {
        return this == OUTGOING ? Direction.OUT : Direction.IN;
    }
}
