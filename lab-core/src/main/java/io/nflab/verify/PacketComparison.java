package io.nflab.verify;

import io.nflab.kernel.PacketNormalizer;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import java.util.stream.Collectors;

/**
 * How packets and listings are written down for a kernel comparison, leaving out what the kernel draws at
 * random: the IP identification (also inside an ICMP error's quote) and the initial sequence number of a
 * SYN-ACK (shown as 0); and the comment lines of {@code iptables-save} (time stamps).
 */
public final class PacketComparison {
    private static final int SYN_ACK = 0x12;

    private PacketComparison() {
    }

    /** The packet in packet text, normalised. */
    public static String describe(Ipv4Packet packet) {
        Ipv4Packet normal = PacketNormalizer.normalize(packet);
        if (normal.transport() instanceof TcpSegment tcp && tcp.flags().bits() == SYN_ACK) {
            normal = normal.withTransport(tcp.toBuilder().sequence(0).build());
        }
        return PacketText.format(normal);
    }

    /** {@code iptables-save} output without its comment lines. */
    public static String withoutComments(String save) {
        return save.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
