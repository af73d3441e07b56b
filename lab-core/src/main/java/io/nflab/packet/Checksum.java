package io.nflab.packet;

import io.nflab.address.Ipv4Address;

/** The Internet checksum (RFC 1071) and the kernel's incremental update of it (RFC 1624). */
final class Checksum {
    private Checksum() {
    }

    /** The 16-bit ones' complement sum of {@code length} bytes, added to {@code initial}, unfolded. */
    static long sum(byte[] bytes, int offset, int length, long initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += (bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff;
        }
        if (i < end) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return sum;
    }

    /** The checksum field value for data whose sum is {@code sum}. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    static int compute(byte[] bytes, int offset, int length, long initial) {
        return finish(sum(bytes, offset, length, initial));
    }

    /** The sum of the TCP/UDP pseudo header: addresses, protocol and transport length. */
    static long pseudoHeader(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int length) {
        int s = source.bits();
        int d = destination.bits();
        return (s >>> 16) + (s & 0xffff) + (d >>> 16) + (d & 0xffff) + protocol.number() + length;
    }

    /**
     * The checksum after a 32-bit (or zero-extended 16-bit) field covered by it changed from
     * {@code from} to {@code to}, computed as the kernel's {@code inet_proto_csum_replace4} does
     * (the same result bit for bit, including which zero it gives).
     */
    static int replace(int check, int from, int to) {
        int sum = add(add(~(check & 0xffff), ~from), to);
        int folded = (sum & 0xffff) + (sum >>> 16);
        folded = (folded & 0xffff) + (folded >>> 16);
        return ~folded & 0xffff;
    }

    /** 32-bit addition with end-around carry, the kernel's {@code csum_add}. */
    private static int add(int a, int b) {
        long result = (a & 0xffff_ffffL) + (b & 0xffff_ffffL);
        return (int) (result + (result >>> 32));
    }
}
