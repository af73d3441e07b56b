package io.nflab.lab;

import io.nflab.packet.EthernetFrame;
import java.util.Objects;

/**
 * A frame on a lab segment: the Ethernet frame, the id of the IPv4 packet it carries (0 for ARP), who put
 * it on the wire ({@code fromNode}/{@code fromIface}, {@code origin} the node's index in the topology)
 * with that node's frame {@code sequence}, and the lab time it was sent. {@code (origin, sequence)} names
 * the frame uniquely and deterministically: arrivals at one instant are handled in that order, and the
 * segment's loss draw depends on it alone, so every runtime handles a lab's frames the same way.
 */
public record LabFrame(long packetId, int origin, String fromNode, String fromIface, long sequence, long sentNanos,
                       EthernetFrame frame) {
    public LabFrame {
        Objects.requireNonNull(fromNode, "fromNode");
        Objects.requireNonNull(fromIface, "fromIface");
        Objects.requireNonNull(frame, "frame");
    }
}
