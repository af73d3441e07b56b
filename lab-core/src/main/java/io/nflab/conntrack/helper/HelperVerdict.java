package io.nflab.conntrack.helper;

import io.nflab.packet.Ipv4Packet;
import java.util.Objects;

/**
 * What the helper step before confirmation did to a packet: the packet as it leaves (its payload
 * rewritten by a NAT helper, its sequence numbers adjusted) or dropped, with the helper's log message.
 *
 * @param packet the packet after the step; the original one when dropped
 * @param dropped whether the helper dropped the packet
 * @param reason the kernel's log message for a drop ({@code nf_ct_ftp: dropping packet: …}); null otherwise
 */
public record HelperVerdict(Ipv4Packet packet, boolean dropped, String reason) {
    public HelperVerdict {
        Objects.requireNonNull(packet, "packet");
    }

    static HelperVerdict pass(Ipv4Packet packet) {
        return new HelperVerdict(packet, false, null);
    }

    static HelperVerdict drop(Ipv4Packet packet, String helper, String message) {
        return new HelperVerdict(packet, true, "nf_ct_" + helper + ": dropping packet: " + message);
    }
}
