package io.nflab.packet;

/**
 * The one-line text form of IPv4 packets used by scenarios, logs and the console, e.g.
 * {@code tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64} or
 * {@code icmp 10.0.0.2 > 192.168.1.2 echo-request id 7 seq 1}; the grammar is in docs/packet-text.md.
 * {@link #format} is canonical (fixed field order, defaults left out), so
 * {@code parse(format(p)).equals(p)} for every packet.
 */
public final class PacketText {
    private PacketText() {
    }

    /** Reads one packet; bad text throws {@link PacketSyntaxException} naming the offending word and its column. */
    public static Ipv4Packet parse(String text) {
        return PacketTextParser.parse(text);
    }

    public static String format(Ipv4Packet packet) {
        return PacketTextFormatter.format(packet);
    }
}
