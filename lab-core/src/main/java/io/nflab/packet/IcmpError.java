package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * An ICMP error (destination-unreachable, source-quench, redirect, time-exceeded,
 * parameter-problem) with the quoted start of the datagram that caused it.
 */
public record IcmpError(IcmpType type, int code, long restOfHeader, QuotedDatagram quote) implements IcmpMessage {

    public IcmpError {
        Objects.requireNonNull(type, "type");
        if (!type.isError()) {
            throw new IllegalArgumentException("ICMP type " + type + " is not an error");
        }
        Checks.checkRange("ICMP code", code, 0xff);
        Checks.checkRange("ICMP rest of header", restOfHeader, 0xffff_ffffL);
        Objects.requireNonNull(quote, "quote");
    }

    /** The error Linux sends about {@code original}, quoting as much as {@link QuotedDatagram#of(Ipv4Packet)}. */
    public static IcmpError of(IcmpType type, int code, Ipv4Packet original) {
        return new IcmpError(type, code, 0, QuotedDatagram.of(original));
    }

    /** Destination unreachable, fragmentation needed, with the next-hop MTU. */
    public static IcmpError fragmentationNeeded(int mtu, Ipv4Packet original) {
        Checks.checkRange("MTU", mtu, 0xffff);
        return new IcmpError(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.FRAGMENTATION_NEEDED, mtu,
                QuotedDatagram.of(original));
    }

    /** The next-hop MTU of a fragmentation-needed message: the low 16 bits of the rest of the header. */
    public int mtu() {
        return (int) (restOfHeader & 0xffff);
    }

    /** The gateway address of a redirect: the whole rest of the header. */
    public Ipv4Address gateway() {
        return Ipv4Address.of((int) restOfHeader);
    }

    /** The byte pointer of a parameter problem: the top 8 bits of the rest of the header. */
    public int pointer() {
        return (int) (restOfHeader >>> 24);
    }

    @Override
    public int length() {
        return HEADER_LENGTH + quote.length();
    }

    public IcmpError withQuote(QuotedDatagram newQuote) {
        return new IcmpError(type, code, restOfHeader, newQuote);
    }
}
