package io.nflab.conntrack;

import io.nflab.address.Ipv4Address;
import java.util.Optional;

/**
 * One direction of a tracked connection, as the kernel's {@code struct nf_conntrack_tuple}: layer-3
 * source and destination, the protocol number and the layer-4 part — ports for TCP, UDP, UDP-Lite and
 * SCTP; type, code and id for ICMP; nothing for other protocols (GRE version 0 has keys 0).
 *
 * <p>Immutable. The whole tuple lives in two {@code long}s (see {@link #high()} and {@link #low()}), which
 * is also how the table stores and hashes it, so building one never allocates more than this object.
 */
public final class ConntrackTuple {
    private final long high;
    private final long low;

    private ConntrackTuple(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** A TCP tuple. */
    public static ConntrackTuple tcp(Ipv4Address src, Ipv4Address dst, int sourcePort, int destinationPort) {
        return ports(Protocols.TCP, src, dst, sourcePort, destinationPort);
    }

    /** A UDP tuple. */
    public static ConntrackTuple udp(Ipv4Address src, Ipv4Address dst, int sourcePort, int destinationPort) {
        return ports(Protocols.UDP, src, dst, sourcePort, destinationPort);
    }

    /** A tuple of a protocol whose tuple holds ports (TCP, UDP, UDP-Lite, SCTP). */
    public static ConntrackTuple ports(int protocol, Ipv4Address src, Ipv4Address dst, int sourcePort,
            int destinationPort) {
        if (!Protocols.hasPorts(protocol)) {
            throw new IllegalArgumentException("protocol " + protocol + " has no ports in a conntrack tuple");
        }
        checkU16(sourcePort, "source port");
        checkU16(destinationPort, "destination port");
        return new ConntrackTuple(TupleKeys.high(src.bits(), dst.bits()),
                TupleKeys.low(protocol, sourcePort, destinationPort));
    }

    /** An ICMP tuple: the id sits on the source side, type and code on the destination side. */
    public static ConntrackTuple icmp(Ipv4Address src, Ipv4Address dst, int type, int code, int id) {
        checkU8(type, "ICMP type");
        checkU8(code, "ICMP code");
        checkU16(id, "ICMP id");
        return new ConntrackTuple(TupleKeys.high(src.bits(), dst.bits()),
                TupleKeys.low(Protocols.ICMP, id, type << 8 | code));
    }

    /** A tuple of a protocol tracked by addresses only (GRE version 0 and every protocol without a tracker). */
    public static ConntrackTuple addressesOnly(int protocol, Ipv4Address src, Ipv4Address dst) {
        if (Protocols.hasPorts(protocol) || protocol == Protocols.ICMP) {
            throw new IllegalArgumentException("protocol " + protocol + " needs its layer-4 fields");
        }
        checkU8(protocol, "protocol");
        return new ConntrackTuple(TupleKeys.high(src.bits(), dst.bits()), TupleKeys.low(protocol, 0, 0));
    }

    /**
     * A tuple from raw fields, the way a packet adapter has them: {@code a} is the source port (ICMP: the id,
     * GRE: the source key), {@code b} the destination port (ICMP: {@code type << 8 | code}, GRE: the
     * destination key); both are ignored for protocols without them.
     */
    public static ConntrackTuple of(int protocol, int srcBits, int dstBits, int a, int b) {
        checkU8(protocol, "protocol");
        return new ConntrackTuple(TupleKeys.high(srcBits, dstBits), TupleKeys.tupleLow(protocol, a, b));
    }

    static ConntrackTuple fromKey(long high, long keyLow) {
        return new ConntrackTuple(high, keyLow & TupleKeys.TUPLE_MASK);
    }

    private static void checkU16(int value, String what) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    private static void checkU8(int value, String what) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    /** The addresses: source in the upper 32 bits, destination in the lower. */
    public long high() {
        return high;
    }

    /** Protocol and layer-4 fields: protocol in bits 32..39, {@code a} in 16..31, {@code b} in 0..15. */
    public long low() {
        return low;
    }

    public int protocol() {
        return TupleKeys.protocol(low);
    }

    public int srcBits() {
        return TupleKeys.src(high);
    }

    public int dstBits() {
        return TupleKeys.dst(high);
    }

    public Ipv4Address src() {
        return Ipv4Address.of(srcBits());
    }

    public Ipv4Address dst() {
        return Ipv4Address.of(dstBits());
    }

    /** Whether the layer-4 part is a pair of ports. */
    public boolean hasPorts() {
        return Protocols.hasPorts(protocol());
    }

    /** The source port; 0 for protocols without ports. */
    public int sourcePort() {
        return hasPorts() ? TupleKeys.a(low) : 0;
    }

    /** The destination port; 0 for protocols without ports. */
    public int destinationPort() {
        return hasPorts() ? TupleKeys.b(low) : 0;
    }

    public int icmpType() {
        return protocol() == Protocols.ICMP ? TupleKeys.b(low) >>> 8 : 0;
    }

    public int icmpCode() {
        return protocol() == Protocols.ICMP ? TupleKeys.b(low) & 0xff : 0;
    }

    public int icmpId() {
        return protocol() == Protocols.ICMP ? TupleKeys.a(low) : 0;
    }

    /**
     * The tuple of the other direction, as the kernel's {@code nf_ct_invert_tuple}: addresses and ports
     * swapped; for ICMP the id kept and a request type turned into its reply type (echo 8 ↔ echo reply 0,
     * timestamp 13 ↔ 14, info 15 ↔ 16, address mask 17 ↔ 18). Empty for an ICMP type without a partner,
     * which the kernel cannot track.
     */
    public Optional<ConntrackTuple> invert() {
        long invertedLow = TupleKeys.invertLow(low);
        if (invertedLow < 0) {
            return Optional.empty();
        }
        return Optional.of(new ConntrackTuple(TupleKeys.swap(high), invertedLow));
    }

    /** This tuple with another source address and (for protocols with ports) source port. */
    public ConntrackTuple withSource(Ipv4Address address, int port) {
        return withEnd(true, address, port);
    }

    /** This tuple with another destination address and (for protocols with ports) destination port. */
    public ConntrackTuple withDestination(Ipv4Address address, int port) {
        return withEnd(false, address, port);
    }

    private ConntrackTuple withEnd(boolean source, Ipv4Address address, int port) {
        checkU16(port, "port");
        int src = source ? address.bits() : srcBits();
        int dst = source ? dstBits() : address.bits();
        int a = TupleKeys.a(low);
        int b = TupleKeys.b(low);
        if (hasPorts()) {
            if (source) {
                a = port;
            } else {
                b = port;
            }
        }
        return new ConntrackTuple(TupleKeys.high(src, dst), TupleKeys.low(protocol(), a, b));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConntrackTuple other && other.high == high && other.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(TupleKeys.hash(high, low));
    }

    /** The fields the way {@code conntrack -L} prints one direction, e.g. {@code src=… dst=… sport=80 dport=…}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        ConntrackFormat.appendTupleForTool(out, high, low);
        out.setLength(out.length() - 1);
        return Protocols.conntrackName(protocol()) + " " + out;
    }
}
