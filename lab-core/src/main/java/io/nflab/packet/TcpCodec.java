package io.nflab.packet;

/** TCP segments on the wire (RFC 9293), checksummed with the IPv4 pseudo header. */
final class TcpCodec {
    private TcpCodec() {
    }

    static void write(byte[] out, int offset, Ipv4Header ip, TcpSegment tcp) {
        int headerLength = tcp.headerLength();
        Wire.putShort(out, offset, tcp.sourcePort());
        Wire.putShort(out, offset + 2, tcp.destinationPort());
        Wire.putInt(out, offset + 4, tcp.sequence());
        Wire.putInt(out, offset + 8, tcp.acknowledgment());
        out[offset + 12] = (byte) (headerLength / 4 << 4);
        out[offset + 13] = (byte) tcp.flags().bits();
        Wire.putShort(out, offset + 14, tcp.window());
        Wire.putShort(out, offset + 16, 0);
        Wire.putShort(out, offset + 18, tcp.urgentPointer());
        tcp.options().bytes().copyTo(out, offset + TcpSegment.MIN_HEADER_LENGTH);
        tcp.payload().copyTo(out, offset + headerLength);
        int length = tcp.length();
        long pseudo = Checksum.pseudoHeader(ip.source(), ip.destination(), IpProtocol.TCP, length);
        Wire.putShort(out, offset + 16, Checksum.compute(out, offset, length, pseudo));
    }

    static TcpSegment read(byte[] in, int offset, int length, Ipv4Header ip, ChecksumPolicy policy) {
        if (length < TcpSegment.MIN_HEADER_LENGTH) {
            throw new MalformedPacketException("TCP header truncated: " + length + " of at least 20 bytes",
                    offset + length);
        }
        int headerLength = ((in[offset + 12] & 0xff) >>> 4) * 4;
        if (headerLength < TcpSegment.MIN_HEADER_LENGTH) {
            throw new MalformedPacketException("TCP data offset " + headerLength + " bytes, at least 20 expected",
                    offset + 12);
        }
        if (headerLength > length) {
            throw new MalformedPacketException("TCP header truncated: " + length + " of " + headerLength + " bytes",
                    offset + length);
        }
        if ((in[offset + 12] & 0x0f) != 0) {
            throw new MalformedPacketException("TCP reserved bits 0x" + Integer.toHexString(in[offset + 12] & 0x0f)
                    + " set; nflab does not model them", offset + 12);
        }
        if (policy == ChecksumPolicy.VERIFY) {
            long pseudo = Checksum.pseudoHeader(ip.source(), ip.destination(), IpProtocol.TCP, length);
            if (Checksum.compute(in, offset, length, pseudo) != 0) {
                throw new MalformedPacketException("bad TCP checksum 0x"
                        + Integer.toHexString(Wire.getShort(in, offset + 16)), offset + 16);
            }
        }
        TcpOptions options;
        try {
            options = TcpOptions.fromBytes(Bytes.of(in, offset + TcpSegment.MIN_HEADER_LENGTH,
                    headerLength - TcpSegment.MIN_HEADER_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException(e.getMessage(), offset + TcpSegment.MIN_HEADER_LENGTH);
        }
        return new TcpSegment(Wire.getShort(in, offset), Wire.getShort(in, offset + 2), Wire.getInt(in, offset + 4),
                Wire.getInt(in, offset + 8), TcpFlags.of(in[offset + 13] & 0xff), Wire.getShort(in, offset + 14),
                Wire.getShort(in, offset + 18), options,
                Payload.of(Bytes.of(in, offset + headerLength, length - headerLength)));
    }
}
