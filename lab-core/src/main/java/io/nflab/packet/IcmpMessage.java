package io.nflab.packet;

/**
 * An ICMP message (RFC 792). Its kind follows from the type: {@link IcmpQuery} for the types with an
 * identifier and a sequence number (echo, timestamp, information, address mask), {@link IcmpError}
 * for errors that quote the offending datagram, {@link IcmpOther} for the rest.
 */
public sealed interface IcmpMessage extends Transport permits IcmpQuery, IcmpError, IcmpOther {
    int HEADER_LENGTH = 8;

    IcmpType type();

    int code();

    /** The header's second 32-bit word (identifier and sequence, gateway, MTU, pointer, or unused). */
    long restOfHeader();

    @Override
    default IpProtocol protocol() {
        return IpProtocol.ICMP;
    }
}
