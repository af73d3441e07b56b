package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * An IPv4 packet: its header and what it carries. The header's protocol and total length always
 * agree with the transport (the builder derives them). A fragment (more-fragments set or a non-zero
 * offset) carries a {@link RawTransport}, since transport checksums cover the whole datagram;
 * conversely TCP, UDP and ICMP travel as raw bytes only in fragments.
 * {@link #toString()} is the {@link PacketText} form.
 */
public record Ipv4Packet(Ipv4Header header, Transport transport) implements EthernetPayload {

    public Ipv4Packet {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(transport, "transport");
        if (!header.protocol().equals(transport.protocol())) {
            throw new IllegalArgumentException("IP protocol " + header.protocol() + " does not match the "
                    + transport.protocol() + " contents");
        }
        int derived = header.headerLength() + transport.length();
        if (header.totalLength() != derived) {
            throw new IllegalArgumentException("IP total length " + header.totalLength() + " does not match the contents ("
                    + header.headerLength() + " header + " + transport.length() + " " + transport.protocol() + " = "
                    + derived + " bytes)");
        }
        boolean raw = transport instanceof RawTransport;
        if (header.isFragment() && !raw) {
            throw new IllegalArgumentException("a fragment carries raw bytes, not a parsed " + transport.protocol()
                    + " header (use proto " + transport.protocol().number() + ")");
        }
        if (!header.isFragment() && raw && RawTransport.isParsedProtocol(transport.protocol())) {
            throw new IllegalArgumentException("an unfragmented " + transport.protocol() + " packet needs a "
                    + transport.protocol() + " header, not raw bytes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public Ipv4Address source() {
        return header.source();
    }

    public Ipv4Address destination() {
        return header.destination();
    }

    public IpProtocol protocol() {
        return header.protocol();
    }

    public int ttl() {
        return header.ttl();
    }

    public int tos() {
        return header.tos();
    }

    public int totalLength() {
        return header.totalLength();
    }

    @JsonIgnore
    public boolean isFragment() {
        return header.isFragment();
    }

    @Override
    public int etherType() {
        return EthernetFrame.ETHERTYPE_IPV4;
    }

    public Ipv4Packet withSource(Ipv4Address source) {
        return new Ipv4Packet(header.withSource(source), transport);
    }

    public Ipv4Packet withDestination(Ipv4Address destination) {
        return new Ipv4Packet(header.withDestination(destination), transport);
    }

    public Ipv4Packet withTtl(int ttl) {
        return new Ipv4Packet(header.withTtl(ttl), transport);
    }

    public Ipv4Packet withTos(int tos) {
        return new Ipv4Packet(header.withTos(tos), transport);
    }

    /** The same header carrying {@code newTransport}; protocol and total length follow it. */
    public Ipv4Packet withTransport(Transport newTransport) {
        return new Ipv4Packet(header.withContents(newTransport.protocol(), header.headerLength()
                + newTransport.length()), newTransport);
    }

    /**
     * {@code newHeader} carrying {@code newTransport}, protocol and total length following it: one new packet
     * for a rewrite of both (NAT's address and port), no intermediate one.
     */
    public Ipv4Packet with(Ipv4Header newHeader, Transport newTransport) {
        return new Ipv4Packet(newHeader.withContents(newTransport.protocol(), newHeader.headerLength()
                + newTransport.length()), newTransport);
    }

    @Override
    public String toString() {
        return PacketText.format(this);
    }

    /**
     * Collects an IPv4 packet; the header fields default as in {@link Ipv4Header.Builder}. The protocol
     * comes from the transport, and so does the total length unless one is given (then it must agree).
     */
    public static final class Builder {
        private final Ipv4Header.Builder header;
        private Transport transport;
        private int totalLength = -1;

        Builder() {
            header = Ipv4Header.builder();
        }

        Builder(Ipv4Packet packet) {
            header = packet.header.toBuilder();
            transport = packet.transport;
        }

        public Builder source(Ipv4Address value) {
            header.source(value);
            return this;
        }

        public Builder destination(Ipv4Address value) {
            header.destination(value);
            return this;
        }

        public Builder ttl(int value) {
            header.ttl(value);
            return this;
        }

        public Builder tos(int value) {
            header.tos(value);
            return this;
        }

        public Builder identification(int value) {
            header.identification(value);
            return this;
        }

        public Builder dontFragment(boolean value) {
            header.dontFragment(value);
            return this;
        }

        public Builder moreFragments(boolean value) {
            header.moreFragments(value);
            return this;
        }

        public Builder fragmentOffset(int value) {
            header.fragmentOffset(value);
            return this;
        }

        public Builder options(Bytes value) {
            header.options(value);
            return this;
        }

        /** States the total length; {@link #build()} checks it against the contents. */
        public Builder totalLength(int value) {
            totalLength = value;
            return this;
        }

        public Builder transport(Transport value) {
            transport = value;
            return this;
        }

        /** Throws IllegalStateException for a missing field, IllegalArgumentException for inconsistent ones. */
        public Ipv4Packet build() {
            if (transport == null) {
                throw new IllegalStateException("an IPv4 packet needs its contents (a TCP, UDP, ICMP or raw transport)");
            }
            int derived = Ipv4Header.MIN_LENGTH + header.optionsLength() + transport.length();
            return new Ipv4Packet(header.protocol(transport.protocol())
                    .totalLength(totalLength >= 0 ? totalLength : derived).build(), transport);
        }
    }
}
