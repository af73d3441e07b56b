package io.nflab.packet;

/**
 * Packets as bytes on the wire, with correct checksums (IPv4 header, TCP and UDP with the pseudo
 * header, ICMP), and back. Decoding refuses truncated or malformed input with a
 * {@link MalformedPacketException} naming the problem and the byte; with {@link ChecksumPolicy#VERIFY}
 * (the default) wrong checksums count as malformed. Everything decoded re-encodes to the same bytes,
 * except a UDP checksum of zero ("none"), which is encoded computed, and Ethernet padding, which is dropped.
 */
public final class WireFormat {
    private WireFormat() {
    }

    public static byte[] encode(Ipv4Packet packet) {
        return Ipv4Codec.encode(packet);
    }

    public static byte[] encode(EthernetFrame frame) {
        return EthernetCodec.encode(frame);
    }

    /** Exactly one IPv4 packet: bytes after its total length are refused. */
    public static Ipv4Packet decodeIpv4(byte[] bytes) {
        return decodeIpv4(bytes, ChecksumPolicy.VERIFY);
    }

    public static Ipv4Packet decodeIpv4(byte[] bytes, ChecksumPolicy policy) {
        return Ipv4Codec.decode(bytes, 0, bytes.length, policy, false);
    }

    /** An Ethernet II frame (no preamble, no FCS) carrying IPv4 or ARP. */
    public static EthernetFrame decodeEthernet(byte[] bytes) {
        return decodeEthernet(bytes, ChecksumPolicy.VERIFY);
    }

    public static EthernetFrame decodeEthernet(byte[] bytes, ChecksumPolicy policy) {
        return EthernetCodec.decode(bytes, policy);
    }
}
