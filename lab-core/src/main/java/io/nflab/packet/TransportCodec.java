package io.nflab.packet;

/** Dispatches the contents of an IPv4 packet to the codec of its protocol. */
final class TransportCodec {
    private TransportCodec() {
    }

    static void write(byte[] out, int offset, Ipv4Header header, Transport transport) {
        if (transport instanceof TcpSegment tcp) {
            TcpCodec.write(out, offset, header, tcp);
        } else if (transport instanceof UdpDatagram udp) {
            UdpCodec.write(out, offset, header, udp);
        } else if (transport instanceof IcmpMessage icmp) {
            IcmpCodec.write(out, offset, icmp);
        } else if (transport instanceof RawTransport raw) {
            raw.payload().copyTo(out, offset);
        } else {
            throw new IllegalStateException("unknown transport " + transport.getClass());
        }
    }

    /** The transport's bytes alone (what a quoted datagram copies after the IP header). */
    static byte[] encode(Ipv4Header header, Transport transport) {
        byte[] out = new byte[transport.length()];
        write(out, 0, header, transport);
        return out;
    }

    /** Reads the {@code length} bytes after the IP header; fragments stay raw. */
    static Transport read(byte[] in, int offset, int length, Ipv4Header header, ChecksumPolicy policy) {
        IpProtocol protocol = header.protocol();
        if (header.isFragment() || !RawTransport.isParsedProtocol(protocol)) {
            return new RawTransport(protocol, Payload.of(Bytes.of(in, offset, length)));
        }
        if (protocol.equals(IpProtocol.TCP)) {
            return TcpCodec.read(in, offset, length, header, policy);
        }
        if (protocol.equals(IpProtocol.UDP)) {
            return UdpCodec.read(in, offset, length, header, policy);
        }
        return IcmpCodec.read(in, offset, length, policy);
    }
}
