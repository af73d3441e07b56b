package io.nflab.verify;

import io.nflab.kernel.PacketNormalizer;
import io.nflab.packet.ChecksumPolicy;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.WireFormat;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How packets and listings are written down for a kernel comparison, leaving out what the kernel draws at
 * random: the IP identification and the initial sequence number of a SYN-ACK (shown as 0), also inside an ICMP
 * error's quote, and a quoted segment's checksum; and the comment lines of {@code iptables-save} (time stamps).
 */
public final class PacketComparison {
    private static final int SYN_ACK = 0x12;

    private PacketComparison() {
    }

    /** The packet in packet text, normalised (also the datagram an ICMP error quotes). */
    public static String describe(Ipv4Packet packet) {
        Ipv4Packet normal = PacketNormalizer.normalize(packet);
        if (normal.transport() instanceof IcmpError error) {
            normal = normal.withTransport(error.withQuote(normalizeQuote(normal, error.quote())));
        }
        return PacketText.format(withoutRandomSequence(normal));
    }

    private static Ipv4Packet withoutRandomSequence(Ipv4Packet packet) {
        if (packet.transport() instanceof TcpSegment tcp && tcp.flags().bits() == SYN_ACK) {
            return packet.withTransport(tcp.toBuilder().sequence(0).build());
        }
        return packet;
    }

    /**
     * A complete quote read as a packet whatever its transport checksum says (the kernel quotes a segment it
     * generated itself with the checksum still partial: REJECT in OUTPUT sees it before the device finishes
     * it; the packet model has no checksums), with a SYN-ACK's sequence number cleared.
     */
    private static QuotedDatagram normalizeQuote(Ipv4Packet error, QuotedDatagram quote) {
        if (!quote.isComplete() || quote.header().isFragment()) {
            return quote;
        }
        try {
            byte[] wire = WireFormat.encode(error);
            int start = error.header().headerLength() + IcmpMessage.HEADER_LENGTH;
            Ipv4Packet read = WireFormat.decodeIpv4(Arrays.copyOfRange(wire, start, start + quote.length()),
                    ChecksumPolicy.IGNORE);
            return QuotedDatagram.of(withoutRandomSequence(read), quote.length());
        } catch (RuntimeException e) {
            return quote; // not a datagram the packet model reads: compared as the bytes it is
        }
    }

    /** {@code iptables-save} output without its comment lines. */
    public static String withoutComments(String save) {
        return save.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
