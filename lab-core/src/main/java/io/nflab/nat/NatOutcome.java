package io.nflab.nat;

import io.nflab.packet.Ipv4Packet;
import java.util.Objects;

/**
 * What a NAT hook did to a packet: the packet as it goes on (rewritten or the same), or dropped with the
 * reason the kernel would log or count.
 *
 * @param packet the packet after the hook; the original one when dropped
 * @param dropped whether the hook dropped the packet
 * @param reason why it was dropped; null otherwise
 */
public record NatOutcome(Ipv4Packet packet, boolean dropped, String reason) {
    public NatOutcome {
        Objects.requireNonNull(packet, "packet");
    }

    static NatOutcome pass(Ipv4Packet packet) {
        return new NatOutcome(packet, false, null);
    }

    static NatOutcome drop(Ipv4Packet packet, String reason) {
        return new NatOutcome(packet, true, reason);
    }
}
