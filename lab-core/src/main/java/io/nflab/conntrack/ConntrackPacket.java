package io.nflab.conntrack;

import java.util.Objects;

/**
 * What connection tracking needs to know about one IPv4 packet: its tuple, TCP flags, TCP payload length,
 * the packet's total length (the IP header's total length, which the byte counters add) and the zone; for an
 * ICMP error the tuple of the datagram it quotes, exactly as quoted (original sender's view).
 *
 * <p>Immutable; built by the static factories from primitive fields so the adapter from a packet stays
 * trivial. Addresses are the 32 bits of {@link io.nflab.address.Ipv4Address#bits()}.
 */
public final class ConntrackPacket {
    private final long high;
    private final long low;
    private final int tcpFlags;
    private final int payloadLength;
    private final int length;
    private final int zone;
    private final ConntrackTuple quoted;

    private ConntrackPacket(long high, long low, int tcpFlags, int payloadLength, int length, int zone,
            ConntrackTuple quoted) {
        if (length < 0 || payloadLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        this.high = high;
        this.low = low;
        this.tcpFlags = tcpFlags;
        this.payloadLength = payloadLength;
        this.length = length;
        this.zone = zone;
        this.quoted = quoted;
    }

    /** A TCP segment; {@code flags} as {@link TcpFlagBits}, {@code payloadLength} the TCP data bytes. */
    public static ConntrackPacket tcp(int src, int dst, int sourcePort, int destinationPort, int flags,
            int payloadLength, int length) {
        return new ConntrackPacket(TupleKeys.high(src, dst), TupleKeys.low(Protocols.TCP, sourcePort,
                destinationPort), flags & 0xff, payloadLength, length, 0, null);
    }

    /** A UDP datagram. */
    public static ConntrackPacket udp(int src, int dst, int sourcePort, int destinationPort, int length) {
        return ports(Protocols.UDP, src, dst, sourcePort, destinationPort, length);
    }

    /** A packet of another protocol with ports in its tuple (UDP-Lite, SCTP). */
    public static ConntrackPacket ports(int protocol, int src, int dst, int sourcePort, int destinationPort,
            int length) {
        if (!Protocols.hasPorts(protocol)) {
            throw new IllegalArgumentException("protocol " + protocol + " has no ports in a conntrack tuple");
        }
        return new ConntrackPacket(TupleKeys.high(src, dst), TupleKeys.low(protocol, sourcePort, destinationPort),
                0, 0, length, 0, null);
    }

    /** An ICMP message that is not an error (echo, timestamp, …); {@code id} is the identifier field. */
    public static ConntrackPacket icmp(int src, int dst, int type, int code, int id, int length) {
        if (IcmpTracker.isError(type)) {
            throw new IllegalArgumentException("ICMP type " + type + " is an error: use icmpError with its quote");
        }
        return new ConntrackPacket(TupleKeys.high(src, dst), TupleKeys.low(Protocols.ICMP, id, type << 8 | code),
                0, 0, length, 0, null);
    }

    /**
     * An ICMP error (destination unreachable 3, source quench 4, redirect 5, time exceeded 11, parameter
     * problem 12) quoting a datagram whose tuple is {@code quoted}.
     */
    public static ConntrackPacket icmpError(int src, int dst, int type, int code, ConntrackTuple quoted,
            int length) {
        if (!IcmpTracker.isError(type)) {
            throw new IllegalArgumentException("ICMP type " + type + " is not an error");
        }
        return new ConntrackPacket(TupleKeys.high(src, dst), TupleKeys.low(Protocols.ICMP, 0, type << 8 | code),
                0, 0, length, 0, Objects.requireNonNull(quoted, "quoted"));
    }

    /** A packet of a protocol tracked by addresses only (GRE, ESP, OSPF, …). */
    public static ConntrackPacket addressesOnly(int protocol, int src, int dst, int length) {
        return new ConntrackPacket(TupleKeys.high(src, dst), TupleKeys.tupleLow(protocol, 0, 0), 0, 0, length, 0,
                null);
    }

    /** This packet in conntrack zone {@code zone} (the raw table's {@code -j CT --zone}). */
    public ConntrackPacket inZone(int zone) {
        if (zone < 0 || zone > 0xffff) {
            throw new IllegalArgumentException("zone out of range: " + zone);
        }
        return new ConntrackPacket(high, low, tcpFlags, payloadLength, length, zone, quoted);
    }

    public ConntrackTuple tuple() {
        return ConntrackTuple.fromKey(high, low);
    }

    public int protocol() {
        return TupleKeys.protocol(low);
    }

    public int tcpFlags() {
        return tcpFlags;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int length() {
        return length;
    }

    public int zone() {
        return zone;
    }

    /** The quoted datagram's tuple of an ICMP error, or null. */
    public ConntrackTuple quoted() {
        return quoted;
    }

    long keyHigh() {
        return high;
    }

    long keyLow() {
        return TupleKeys.withZone(low, zone);
    }

    int icmpType() {
        return TupleKeys.b(low) >>> 8;
    }
}
