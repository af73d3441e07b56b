package io.nflab.packet;

import java.util.Objects;

/**
 * A TCP segment: header fields (RFC 9293) and payload. Sequence and acknowledgment numbers are
 * unsigned 32-bit values held in {@code long}s; the data offset and checksum are derived on the wire.
 */
public record TcpSegment(
        int sourcePort,
        int destinationPort,
        long sequence,
        long acknowledgment,
        TcpFlags flags,
        int window,
        int urgentPointer,
        TcpOptions options,
        Payload payload) implements PortTransport {

    public static final int MIN_HEADER_LENGTH = 20;
    /** The window a builder uses unless told otherwise: what Linux offers in a SYN on a 1500-byte MTU link. */
    public static final int DEFAULT_WINDOW = 64240;

    public TcpSegment {
        Checks.checkPort("TCP source", sourcePort);
        Checks.checkPort("TCP destination", destinationPort);
        Checks.checkRange("TCP sequence number", sequence, 0xffff_ffffL);
        Checks.checkRange("TCP acknowledgment number", acknowledgment, 0xffff_ffffL);
        Objects.requireNonNull(flags, "flags");
        Checks.checkRange("TCP window", window, 0xffff);
        Checks.checkRange("TCP urgent pointer", urgentPointer, 0xffff);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payload, "payload");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public IpProtocol protocol() {
        return IpProtocol.TCP;
    }

    /** Header bytes: 20 plus the options. */
    public int headerLength() {
        return MIN_HEADER_LENGTH + options.length();
    }

    @Override
    public int length() {
        return headerLength() + payload.length();
    }

    @Override
    public TcpSegment withPorts(int newSourcePort, int newDestinationPort) {
        if (newSourcePort == sourcePort && newDestinationPort == destinationPort) {
            return this;
        }
        return new TcpSegment(newSourcePort, newDestinationPort, sequence, acknowledgment, flags, window,
                urgentPointer, options, payload);
    }

    public TcpSegment withFlags(TcpFlags newFlags) {
        return toBuilder().flags(newFlags).build();
    }

    public TcpSegment withPayload(Payload newPayload) {
        return toBuilder().payload(newPayload).build();
    }

    /**
     * Collects a TCP segment. Both ports must be given; the rest defaults to sequence and
     * acknowledgment 0, no flags, window {@value #DEFAULT_WINDOW}, urgent pointer 0, no options,
     * empty payload.
     */
    public static final class Builder {
        private static final int UNSET = Integer.MIN_VALUE;
        private int sourcePort = UNSET;
        private int destinationPort = UNSET;
        private long sequence;
        private long acknowledgment;
        private TcpFlags flags = TcpFlags.NONE;
        private int window = DEFAULT_WINDOW;
        private int urgentPointer;
        private TcpOptions options = TcpOptions.NONE;
        private Payload payload = Payload.EMPTY;

        Builder() {
        }

        Builder(TcpSegment segment) {
            sourcePort = segment.sourcePort;
            destinationPort = segment.destinationPort;
            sequence = segment.sequence;
            acknowledgment = segment.acknowledgment;
            flags = segment.flags;
            window = segment.window;
            urgentPointer = segment.urgentPointer;
            options = segment.options;
            payload = segment.payload;
        }

        public Builder sourcePort(int value) {
            sourcePort = value;
            return this;
        }

        public Builder destinationPort(int value) {
            destinationPort = value;
            return this;
        }

        public Builder sequence(long value) {
            sequence = value;
            return this;
        }

        public Builder acknowledgment(long value) {
            acknowledgment = value;
            return this;
        }

        public Builder flags(TcpFlags value) {
            flags = value;
            return this;
        }

        public Builder window(int value) {
            window = value;
            return this;
        }

        public Builder urgentPointer(int value) {
            urgentPointer = value;
            return this;
        }

        public Builder options(TcpOptions value) {
            options = value;
            return this;
        }

        public Builder payload(Payload value) {
            payload = value;
            return this;
        }

        /** Throws IllegalStateException when a port is missing. */
        public TcpSegment build() {
            if (sourcePort == UNSET || destinationPort == UNSET) {
                throw new IllegalStateException("a TCP segment needs a source and a destination port");
            }
            return new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, flags, window,
                    urgentPointer, options, payload);
        }
    }
}
