package io.nflab.stack;

import io.nflab.packet.EthernetFrame;
import java.util.Objects;

/**
 * A frame a net stack sends out of its interface {@code iface}; {@code packetId} is the id its IPv4 packet
 * got from the stack's {@link PacketWatcher} (0 for ARP and when nobody watches).
 */
public record OutFrame(String iface, EthernetFrame frame, long packetId) {
    public OutFrame {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(frame, "frame");
    }

    /** A frame without a packet id (ARP, or an unwatched stack). */
    public OutFrame(String iface, EthernetFrame frame) {
        this(iface, frame, 0);
    }
}
