package io.nflab.packet;

/** ICMP messages on the wire (RFC 792); errors carry the quoted IPv4 header and the bytes after it. */
final class IcmpCodec {
    private IcmpCodec() {
    }

    static void write(byte[] out, int offset, IcmpMessage icmp) {
        out[offset] = (byte) icmp.type().number();
        out[offset + 1] = (byte) icmp.code();
        Wire.putShort(out, offset + 2, 0);
        Wire.putInt(out, offset + 4, icmp.restOfHeader());
        int body = offset + IcmpMessage.HEADER_LENGTH;
        if (icmp instanceof IcmpQuery query) {
            query.payload().copyTo(out, body);
        } else if (icmp instanceof IcmpOther other) {
            other.payload().copyTo(out, body);
        } else if (icmp instanceof IcmpError error) {
            writeQuote(out, body, error.quote());
        }
        Wire.putShort(out, offset + 2, Checksum.compute(out, offset, icmp.length(), 0));
    }

    static void writeQuote(byte[] out, int offset, QuotedDatagram quote) {
        int headerLength = Ipv4Codec.writeHeader(out, offset, quote.header());
        quote.data().copyTo(out, offset + headerLength);
    }

    static IcmpMessage read(byte[] in, int offset, int length, ChecksumPolicy policy) {
        if (length < IcmpMessage.HEADER_LENGTH) {
            throw new MalformedPacketException("ICMP header truncated: " + length + " of 8 bytes", offset + length);
        }
        if (policy == ChecksumPolicy.VERIFY && Checksum.compute(in, offset, length, 0) != 0) {
            throw new MalformedPacketException("bad ICMP checksum 0x"
                    + Integer.toHexString(Wire.getShort(in, offset + 2)), offset + 2);
        }
        IcmpType type = IcmpType.of(in[offset] & 0xff);
        int code = in[offset + 1] & 0xff;
        long rest = Wire.getInt(in, offset + 4);
        int body = offset + IcmpMessage.HEADER_LENGTH;
        int bodyLength = length - IcmpMessage.HEADER_LENGTH;
        if (type.isQuery()) {
            return new IcmpQuery(type, code, (int) (rest >>> 16), (int) (rest & 0xffff),
                    Payload.of(Bytes.of(in, body, bodyLength)));
        }
        if (type.isError()) {
            return new IcmpError(type, code, rest, readQuote(in, body, bodyLength, type, policy));
        }
        return new IcmpOther(type, code, rest, Payload.of(Bytes.of(in, body, bodyLength)));
    }

    private static QuotedDatagram readQuote(byte[] in, int offset, int length, IcmpType type, ChecksumPolicy policy) {
        if (length < Ipv4Header.MIN_LENGTH) {
            throw new MalformedPacketException("ICMP " + type + " quotes " + length
                    + " bytes, less than an IPv4 header", offset + length);
        }
        Ipv4Header header = Ipv4Codec.readHeader(in, offset, length, policy);
        int dataLength = length - header.headerLength();
        if (header.headerLength() + dataLength > header.totalLength()) {
            throw new MalformedPacketException("ICMP " + type + " quotes " + length + " bytes of a datagram of "
                    + header.totalLength(), offset + header.totalLength());
        }
        return new QuotedDatagram(header, Bytes.of(in, offset + header.headerLength(), dataLength));
    }
}
