package io.nflab.packet;

/** UDP datagrams on the wire (RFC 768), checksummed with the IPv4 pseudo header. */
final class UdpCodec {
    private UdpCodec() {
    }

    static void write(byte[] out, int offset, Ipv4Header ip, UdpDatagram udp) {
        int length = udp.length();
        Wire.putShort(out, offset, udp.sourcePort());
        Wire.putShort(out, offset + 2, udp.destinationPort());
        Wire.putShort(out, offset + 4, length);
        Wire.putShort(out, offset + 6, 0);
        udp.payload().copyTo(out, offset + UdpDatagram.HEADER_LENGTH);
        long pseudo = Checksum.pseudoHeader(ip.source(), ip.destination(), IpProtocol.UDP, length);
        int checksum = Checksum.compute(out, offset, length, pseudo);
        Wire.putShort(out, offset + 6, checksum == 0 ? 0xffff : checksum);
    }

    /** A zero checksum means none was computed (allowed in IPv4) and is accepted. */
    static UdpDatagram read(byte[] in, int offset, int length, Ipv4Header ip, ChecksumPolicy policy) {
        if (length < UdpDatagram.HEADER_LENGTH) {
            throw new MalformedPacketException("UDP header truncated: " + length + " of 8 bytes", offset + length);
        }
        int udpLength = Wire.getShort(in, offset + 4);
        if (udpLength != length) {
            throw new MalformedPacketException("UDP length " + udpLength + " does not match the " + length
                    + " bytes after the IP header", offset + 4);
        }
        if (policy == ChecksumPolicy.VERIFY && Wire.getShort(in, offset + 6) != 0) {
            long pseudo = Checksum.pseudoHeader(ip.source(), ip.destination(), IpProtocol.UDP, length);
            if (Checksum.compute(in, offset, length, pseudo) != 0) {
                throw new MalformedPacketException("bad UDP checksum 0x"
                        + Integer.toHexString(Wire.getShort(in, offset + 6)), offset + 6);
            }
        }
        return new UdpDatagram(Wire.getShort(in, offset), Wire.getShort(in, offset + 2),
                Payload.of(Bytes.of(in, offset + UdpDatagram.HEADER_LENGTH, length - UdpDatagram.HEADER_LENGTH)));
    }
}
