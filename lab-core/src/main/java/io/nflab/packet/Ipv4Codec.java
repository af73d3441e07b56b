package io.nflab.packet;

import io.nflab.address.Ipv4Address;

/** IPv4 headers and packets on the wire (RFC 791). */
final class Ipv4Codec {
    private static final int FLAG_RESERVED = 0x8000;
    private static final int FLAG_DF = 0x4000;
    private static final int FLAG_MF = 0x2000;

    private Ipv4Codec() {
    }

    static byte[] encode(Ipv4Packet packet) {
        byte[] out = new byte[packet.totalLength()];
        write(out, 0, packet);
        return out;
    }

    static void write(byte[] out, int offset, Ipv4Packet packet) {
        writeHeader(out, offset, packet.header());
        TransportCodec.write(out, offset + packet.header().headerLength(), packet.header(), packet.transport());
    }

    /** Writes the header with its checksum; returns its length. */
    static int writeHeader(byte[] out, int offset, Ipv4Header header) {
        int length = header.headerLength();
        out[offset] = (byte) (0x40 | length / 4);
        out[offset + 1] = (byte) header.tos();
        Wire.putShort(out, offset + 2, header.totalLength());
        Wire.putShort(out, offset + 4, header.identification());
        Wire.putShort(out, offset + 6, (header.dontFragment() ? FLAG_DF : 0) | (header.moreFragments() ? FLAG_MF : 0)
                | header.fragmentOffset());
        out[offset + 8] = (byte) header.ttl();
        out[offset + 9] = (byte) header.protocol().number();
        Wire.putShort(out, offset + 10, 0);
        Wire.putInt(out, offset + 12, header.source().bits() & 0xffff_ffffL);
        Wire.putInt(out, offset + 16, header.destination().bits() & 0xffff_ffffL);
        header.options().copyTo(out, offset + Ipv4Header.MIN_LENGTH);
        Wire.putShort(out, offset + 10, Checksum.compute(out, offset, length, 0));
        return length;
    }

    /**
     * Decodes the packet at {@code offset}; {@code available} bytes are there. Bytes beyond the total
     * length are refused unless {@code allowTrailing} (Ethernet padding).
     */
    static Ipv4Packet decode(byte[] in, int offset, int available, ChecksumPolicy policy, boolean allowTrailing) {
        Ipv4Header header = readHeader(in, offset, available, policy);
        int total = header.totalLength();
        if (total > available) {
            throw new MalformedPacketException("IPv4 packet truncated: total length " + total + ", only "
                    + available + " bytes", offset + available);
        }
        if (total < available && !allowTrailing) {
            throw new MalformedPacketException((available - total) + " bytes after the end of the IPv4 packet "
                    + "(total length " + total + ")", offset + total);
        }
        int headerLength = header.headerLength();
        Transport transport = TransportCodec.read(in, offset + headerLength, total - headerLength, header, policy);
        return new Ipv4Packet(header, transport);
    }

    /** Reads a header; its total length may exceed {@code available} (a quoted header). */
    static Ipv4Header readHeader(byte[] in, int offset, int available, ChecksumPolicy policy) {
        if (available < Ipv4Header.MIN_LENGTH) {
            throw new MalformedPacketException("IPv4 header truncated: " + available + " of at least 20 bytes",
                    offset + available);
        }
        int version = (in[offset] & 0xff) >>> 4;
        if (version != 4) {
            throw new MalformedPacketException("IP version " + version + ", expected 4", offset);
        }
        int headerLength = (in[offset] & 0x0f) * 4;
        if (headerLength < Ipv4Header.MIN_LENGTH) {
            throw new MalformedPacketException("IPv4 header length " + headerLength + ", at least 20 expected", offset);
        }
        if (headerLength > available) {
            throw new MalformedPacketException("IPv4 header truncated: " + available + " of " + headerLength + " bytes",
                    offset + available);
        }
        int total = Wire.getShort(in, offset + 2);
        if (total < headerLength) {
            throw new MalformedPacketException("IPv4 total length " + total + " is less than the header length "
                    + headerLength, offset + 2);
        }
        int flags = Wire.getShort(in, offset + 6);
        if ((flags & FLAG_RESERVED) != 0) {
            throw new MalformedPacketException("IPv4 reserved flag bit set", offset + 6);
        }
        if (policy == ChecksumPolicy.VERIFY && Checksum.compute(in, offset, headerLength, 0) != 0) {
            throw new MalformedPacketException("bad IPv4 header checksum 0x"
                    + Integer.toHexString(Wire.getShort(in, offset + 10)), offset + 10);
        }
        return new Ipv4Header(
                Ipv4Address.of((int) Wire.getInt(in, offset + 12)),
                Ipv4Address.of((int) Wire.getInt(in, offset + 16)),
                IpProtocol.of(in[offset + 9] & 0xff),
                in[offset + 8] & 0xff,
                in[offset + 1] & 0xff,
                Wire.getShort(in, offset + 4),
                (flags & FLAG_DF) != 0,
                (flags & FLAG_MF) != 0,
                flags & 0x1fff,
                Bytes.of(in, offset + Ipv4Header.MIN_LENGTH, headerLength - Ipv4Header.MIN_LENGTH),
                total);
    }
}
