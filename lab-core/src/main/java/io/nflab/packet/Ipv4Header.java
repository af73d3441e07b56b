package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * The fields of an IPv4 header (RFC 791) except version, header length and checksum, which are
 * derived on the wire. {@code tos} is the whole byte (DSCP and ECN, see {@link #dscp()} and
 * {@link #ecn()}); {@code fragmentOffset} is in 8-byte units as in the header; {@code options} are the
 * raw option bytes (a multiple of 4, at most 40). In an {@link Ipv4Packet} the protocol and the total
 * length agree with the contents; in a {@link QuotedDatagram} they describe the original datagram.
 */
public record Ipv4Header(
        Ipv4Address source,
        Ipv4Address destination,
        IpProtocol protocol,
        int ttl,
        int tos,
        int identification,
        boolean dontFragment,
        boolean moreFragments,
        int fragmentOffset,
        Bytes options,
        int totalLength) {

    public static final int MIN_LENGTH = 20;
    public static final int MAX_OPTIONS_LENGTH = 40;
    public static final int MAX_TOTAL_LENGTH = 65535;
    public static final int DEFAULT_TTL = 64;

    public Ipv4Header {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(options, "options");
        Checks.checkRange("TTL", ttl, 255);
        Checks.checkRange("TOS", tos, 255);
        Checks.checkRange("identification", identification, 0xffff);
        Checks.checkRange("fragment offset", fragmentOffset, 0x1fff);
        if (options.length() % 4 != 0 || options.length() > MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("IP options take " + options.length()
                    + " bytes, expected a multiple of 4 up to " + MAX_OPTIONS_LENGTH);
        }
        int headerLength = MIN_LENGTH + options.length();
        if (totalLength < headerLength || totalLength > MAX_TOTAL_LENGTH) {
            throw new IllegalArgumentException("IP total length " + totalLength + " out of range "
                    + headerLength + "-" + MAX_TOTAL_LENGTH);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Header bytes on the wire: 20 plus the options. */
    public int headerLength() {
        return MIN_LENGTH + options.length();
    }

    /** The differentiated services code point, the upper six bits of the TOS byte. */
    public int dscp() {
        return tos >>> 2;
    }

    /** The explicit congestion notification bits, the lower two bits of the TOS byte. */
    public int ecn() {
        return tos & 3;
    }

    /** Whether this is a fragment: more fragments follow or the offset is not zero. */
    @JsonIgnore
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    // the withers make the new header at once: a rewrite per packet (NAT, TTL) needs no builder

    public Ipv4Header withSource(Ipv4Address newSource) {
        return new Ipv4Header(newSource, destination, protocol, ttl, tos, identification, dontFragment, moreFragments,
                fragmentOffset, options, totalLength);
    }

    public Ipv4Header withDestination(Ipv4Address newDestination) {
        return new Ipv4Header(source, newDestination, protocol, ttl, tos, identification, dontFragment, moreFragments,
                fragmentOffset, options, totalLength);
    }

    public Ipv4Header withTtl(int newTtl) {
        return new Ipv4Header(source, destination, protocol, newTtl, tos, identification, dontFragment, moreFragments,
                fragmentOffset, options, totalLength);
    }

    public Ipv4Header withTos(int newTos) {
        return new Ipv4Header(source, destination, protocol, ttl, newTos, identification, dontFragment, moreFragments,
                fragmentOffset, options, totalLength);
    }

    /** The same header for contents of {@code newProtocol} and {@code newTotalLength} bytes in all. */
    public Ipv4Header withContents(IpProtocol newProtocol, int newTotalLength) {
        if (newProtocol.equals(protocol) && newTotalLength == totalLength) {
            return this;
        }
        return new Ipv4Header(source, destination, newProtocol, ttl, tos, identification, dontFragment, moreFragments,
                fragmentOffset, options, newTotalLength);
    }

    /**
     * Collects header fields; defaults: TTL 64, TOS 0, identification 0, no flags, offset 0, no
     * options. Source, destination, protocol and total length must be given.
     */
    public static final class Builder {
        private Ipv4Address source;
        private Ipv4Address destination;
        private IpProtocol protocol;
        private int ttl = DEFAULT_TTL;
        private int tos;
        private int identification;
        private boolean dontFragment;
        private boolean moreFragments;
        private int fragmentOffset;
        private Bytes options = Bytes.EMPTY;
        private int totalLength = -1;

        Builder() {
        }

        Builder(Ipv4Header header) {
            source = header.source;
            destination = header.destination;
            protocol = header.protocol;
            ttl = header.ttl;
            tos = header.tos;
            identification = header.identification;
            dontFragment = header.dontFragment;
            moreFragments = header.moreFragments;
            fragmentOffset = header.fragmentOffset;
            options = header.options;
            totalLength = header.totalLength;
        }

        public Builder source(Ipv4Address value) {
            source = value;
            return this;
        }

        public Builder destination(Ipv4Address value) {
            destination = value;
            return this;
        }

        public Builder protocol(IpProtocol value) {
            protocol = value;
            return this;
        }

        public Builder ttl(int value) {
            ttl = value;
            return this;
        }

        public Builder tos(int value) {
            tos = value;
            return this;
        }

        public Builder identification(int value) {
            identification = value;
            return this;
        }

        public Builder dontFragment(boolean value) {
            dontFragment = value;
            return this;
        }

        public Builder moreFragments(boolean value) {
            moreFragments = value;
            return this;
        }

        public Builder fragmentOffset(int value) {
            fragmentOffset = value;
            return this;
        }

        public Builder options(Bytes value) {
            options = value;
            return this;
        }

        public Builder totalLength(int value) {
            totalLength = value;
            return this;
        }

        int optionsLength() {
            return options == null ? 0 : options.length();
        }

        /** Throws IllegalStateException when source, destination, protocol or total length is missing. */
        public Ipv4Header build() {
            if (source == null || destination == null) {
                throw new IllegalStateException("an IPv4 header needs a source and a destination address");
            }
            if (protocol == null) {
                throw new IllegalStateException("an IPv4 header needs a protocol");
            }
            if (totalLength < 0) {
                throw new IllegalStateException("an IPv4 header needs a total length");
            }
            return new Ipv4Header(source, destination, protocol, ttl, tos, identification, dontFragment,
                    moreFragments, fragmentOffset, options, totalLength);
        }
    }
}
