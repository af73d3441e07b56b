package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * The start of the datagram an ICMP error is about: its IPv4 header, whose total length and protocol
 * describe the original datagram, and the bytes that followed the header, as far as they were quoted
 * (Linux quotes up to {@value #LINUX_QUOTE_LIMIT} bytes counted from the header, RFC 792 asks for 8
 * after it). The rewrite methods change the quoted addresses and ports the way NAT does it in
 * the kernel, including the quoted transport checksum when the quote holds it.
 */
public record QuotedDatagram(Ipv4Header header, Bytes data) {
    /** The most of the original datagram Linux's {@code icmp_send} quotes: 576 minus IP and ICMP headers. */
    public static final int LINUX_QUOTE_LIMIT = 576 - Ipv4Header.MIN_LENGTH - IcmpMessage.HEADER_LENGTH;

    public QuotedDatagram {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(data, "data");
        if (header.headerLength() + data.length() > header.totalLength()) {
            throw new IllegalArgumentException("a quote of " + (header.headerLength() + data.length())
                    + " bytes is longer than the quoted datagram (total length " + header.totalLength() + ")");
        }
    }

    /** What Linux quotes of {@code original}: at most {@value #LINUX_QUOTE_LIMIT} bytes including its header. */
    public static QuotedDatagram of(Ipv4Packet original) {
        return of(original, LINUX_QUOTE_LIMIT);
    }

    /** The header of {@code original} and the bytes after it, at most {@code limit} bytes counted from the header. */
    public static QuotedDatagram of(Ipv4Packet original, int limit) {
        Ipv4Header header = original.header();
        int dataLength = Math.max(0, Math.min(original.totalLength(), limit) - header.headerLength());
        byte[] transport = TransportCodec.encode(header, original.transport());
        return new QuotedDatagram(header, Bytes.of(transport, 0, dataLength));
    }

    /** Bytes the quote takes in the ICMP message. */
    public int length() {
        return header.headerLength() + data.length();
    }

    /** Whether the whole original datagram is quoted. */
    @JsonIgnore
    public boolean isComplete() {
        return length() == header.totalLength();
    }

    /** Whether the quote shows TCP or UDP ports: a first fragment or whole datagram with at least 4 bytes quoted. */
    public boolean hasPorts() {
        return hasPortProtocol() && header.fragmentOffset() == 0 && data.length() >= 4;
    }

    public int sourcePort() {
        requirePorts();
        return data.getUnsignedShort(0);
    }

    public int destinationPort() {
        requirePorts();
        return data.getUnsignedShort(2);
    }

    /** The quote with the original's source address changed, as NAT's source manipulation does it. */
    public QuotedDatagram rewriteSource(Ipv4Address address) {
        return rewrite(true, address, -1);
    }

    /** The quote with the original's source address and port changed (TCP and UDP). */
    public QuotedDatagram rewriteSource(Ipv4Address address, int port) {
        Checks.checkPort("source", port);
        requirePorts();
        return rewrite(true, address, port);
    }

    public QuotedDatagram rewriteDestination(Ipv4Address address) {
        return rewrite(false, address, -1);
    }

    public QuotedDatagram rewriteDestination(Ipv4Address address, int port) {
        Checks.checkPort("destination", port);
        requirePorts();
        return rewrite(false, address, port);
    }

    /**
     * Mirrors the kernel's {@code nf_nat_ipv4_manip_pkt} on the inner packet: the address changes in the
     * header (whose checksum is recomputed on the wire); for TCP with its whole header quoted and for
     * UDP with a non-zero checksum, the transport checksum follows the address and port change.
     */
    private QuotedDatagram rewrite(boolean source, Ipv4Address address, int port) {
        Objects.requireNonNull(address, "address");
        requireRewritable();
        Ipv4Address oldAddress = source ? header.source() : header.destination();
        Ipv4Header newHeader = source ? header.withSource(address) : header.withDestination(address);
        if (!hasPorts()) {
            return new QuotedDatagram(newHeader, data);
        }
        byte[] bytes = data.toArray();
        int portOffset = source ? 0 : 2;
        int oldPort = Wire.getShort(bytes, portOffset);
        int newPort = port < 0 ? oldPort : port;
        int checksumOffset = header.protocol().equals(IpProtocol.TCP) ? 16 : 6;
        boolean checksumQuoted = header.protocol().equals(IpProtocol.TCP)
                ? bytes.length >= TcpSegment.MIN_HEADER_LENGTH
                : bytes.length >= UdpDatagram.HEADER_LENGTH && Wire.getShort(bytes, 6) != 0;
        if (checksumQuoted) {
            int check = Wire.getShort(bytes, checksumOffset);
            check = Checksum.replace(check, oldAddress.bits(), address.bits());
            check = Checksum.replace(check, oldPort, newPort);
            if (check == 0 && header.protocol().equals(IpProtocol.UDP)) {
                check = 0xffff;
            }
            Wire.putShort(bytes, checksumOffset, check);
        }
        Wire.putShort(bytes, portOffset, newPort);
        return new QuotedDatagram(newHeader, Bytes.of(bytes));
    }

    private boolean hasPortProtocol() {
        return header.protocol().equals(IpProtocol.TCP) || header.protocol().equals(IpProtocol.UDP);
    }

    private void requirePorts() {
        if (!hasPorts()) {
            throw new IllegalStateException("the quoted " + header.protocol() + " datagram shows no ports");
        }
    }

    /** Protocols whose checksums NAT would have to update in ways not modelled here are refused. */
    private void requireRewritable() {
        IpProtocol protocol = header.protocol();
        boolean coveredByPseudoHeader = protocol.equals(IpProtocol.UDPLITE) || protocol.equals(IpProtocol.SCTP)
                || protocol.number() == 33;
        if (coveredByPseudoHeader && header.fragmentOffset() == 0) {
            throw new UnsupportedOperationException("rewriting a quoted " + protocol + " datagram is not modelled");
        }
    }
}
