package io.nflab.kernel;

import io.nflab.packet.EthernetFrame;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.QuotedDatagram;

/**
 * Compares packets the way a kernel comparison must: ignoring the IPv4 identification, which the
 * kernel picks at random for packets it generates (RSTs, ICMP errors, SYN-ACKs) and also for injected
 * packets whose identification is 0 (raw sockets fill in a zero ID) — in the packet itself and in the
 * datagram an ICMP error quotes. Checksums are never part of the packet model; whether they were right
 * on the wire is {@link CapturedFrame#checksumsValid()}.
 */
public final class PacketNormalizer {

    private PacketNormalizer() {
    }

    /** The packet with identification 0, also in the header an ICMP error quotes. */
    public static Ipv4Packet normalize(Ipv4Packet packet) {
        Ipv4Packet cleared = packet.header().identification() == 0 ? packet
                : new Ipv4Packet(packet.header().toBuilder().identification(0).build(), packet.transport());
        if (cleared.transport() instanceof IcmpError error && error.quote().header().identification() != 0) {
            QuotedDatagram quote = error.quote();
            return cleared.withTransport(error.withQuote(new QuotedDatagram(
                    quote.header().toBuilder().identification(0).build(), quote.data())));
        }
        return cleared;
    }

    /** The frame with its IPv4 payload normalized; ARP frames are returned as they are. */
    public static EthernetFrame normalize(EthernetFrame frame) {
        return frame.payload() instanceof Ipv4Packet packet ? frame.withPayload(normalize(packet)) : frame;
    }

    /** Whether two packets are the same apart from the identification fields. */
    public static boolean equivalent(Ipv4Packet a, Ipv4Packet b) {
        return normalize(a).equals(normalize(b));
    }

    /** Whether two frames are the same apart from the identification fields of the packets they carry. */
    public static boolean equivalent(EthernetFrame a, EthernetFrame b) {
        return normalize(a).equals(normalize(b));
    }
}
