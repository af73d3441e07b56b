package io.nflab.packet;

import io.nflab.address.Ipv4Address;

/**
 * The fields of one packet text as the parser collects them (defaults as in the builders), turned into
 * a packet or, inside {@code [ … ]}, into a quoted datagram.
 */
final class PacketDraft {
    enum Kind { TCP, UDP, ICMP, RAW }

    Kind kind;
    IpProtocol protocol;
    PacketTextCursor.Word protocolWord;
    Ipv4Address source;
    Ipv4Address destination;
    int sourcePort;
    int destinationPort;

    int ttl = Ipv4Header.DEFAULT_TTL;
    int tos;
    int identification;
    boolean dontFragment;
    boolean moreFragments;
    int fragmentOffset;
    PacketTextCursor.Word fragmentWord;
    Bytes ipOptions = Bytes.EMPTY;
    int totalLength = -1;
    PacketTextCursor.Word totalLengthWord;

    TcpFlags flags = TcpFlags.NONE;
    long sequence;
    long acknowledgment;
    int window = TcpSegment.DEFAULT_WINDOW;
    int urgentPointer;
    TcpOptions tcpOptions = TcpOptions.NONE;

    IcmpType icmpType;
    int icmpCode;
    int icmpIdentifier;
    int icmpSequence;
    long restOfHeader;
    QuotedDatagram quote;

    Payload payload = Payload.EMPTY;
    PacketTextCursor.Word payloadWord;

    Transport transport() {
        return switch (kind) {
            case TCP -> new TcpSegment(sourcePort, destinationPort, sequence, acknowledgment, flags, window,
                    urgentPointer, tcpOptions, payload);
            case UDP -> new UdpDatagram(sourcePort, destinationPort, payload);
            case RAW -> new RawTransport(protocol, payload);
            case ICMP -> icmpType.isQuery()
                    ? new IcmpQuery(icmpType, icmpCode, icmpIdentifier, icmpSequence, payload)
                    : icmpType.isError()
                            ? new IcmpError(icmpType, icmpCode, restOfHeader, quote)
                            : new IcmpOther(icmpType, icmpCode, restOfHeader, payload);
        };
    }

    boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    Ipv4Packet toPacket() {
        if (isFragment() && kind != Kind.RAW) {
            throw PacketSyntaxException.invalid(fragmentWord.text(), fragmentWord.column(),
                    "a fragment carries raw bytes, write \"proto " + protocolWord.text() + "\" instead of \""
                            + protocolWord.text() + "\"");
        }
        if (!isFragment() && kind == Kind.RAW && RawTransport.isParsedProtocol(protocol)) {
            throw PacketSyntaxException.invalid(protocolWord.text(), protocolWord.column(),
                    "raw " + protocol + " bytes are only for fragments (add mf or frag N); an unfragmented packet "
                            + "is written \"" + protocol + " …\"");
        }
        Transport transport = transport();
        checkLength(Ipv4Header.MIN_LENGTH + ipOptions.length() + transport.length());
        try {
            return new Ipv4Packet(header(Ipv4Header.MIN_LENGTH + ipOptions.length() + transport.length()), transport);
        } catch (IllegalArgumentException e) {
            throw PacketSyntaxException.invalid(protocolWord.text(), protocolWord.column(), e.getMessage());
        }
    }

    /** The quote: this header, with the stated total length if any, and the encoded contents. */
    QuotedDatagram toQuote() {
        Transport transport = transport();
        int quoted = Ipv4Header.MIN_LENGTH + ipOptions.length() + transport.length();
        checkLength(quoted);
        if (totalLength >= 0 && totalLength < quoted) {
            throw PacketSyntaxException.invalid(totalLengthWord.text(), totalLengthWord.column(),
                    "total length " + totalLength + " is less than the " + quoted + " bytes quoted");
        }
        Ipv4Header header = header(totalLength >= 0 ? totalLength : quoted);
        byte[] data = transport instanceof RawTransport raw
                ? raw.payload().bytes().toArray() : TransportCodec.encode(header, transport);
        return new QuotedDatagram(header, Bytes.of(data));
    }

    private void checkLength(int length) {
        if (length > Ipv4Header.MAX_TOTAL_LENGTH) {
            PacketTextCursor.Word word = payloadWord != null ? payloadWord : protocolWord;
            throw PacketSyntaxException.invalid(word.text(), word.column(), "the packet would be " + length
                    + " bytes, more than " + Ipv4Header.MAX_TOTAL_LENGTH);
        }
    }

    private Ipv4Header header(int length) {
        return new Ipv4Header(source, destination, ipProtocol(), ttl, tos, identification, dontFragment,
                moreFragments, fragmentOffset, ipOptions, length);
    }

    private IpProtocol ipProtocol() {
        return switch (kind) {
            case TCP -> IpProtocol.TCP;
            case UDP -> IpProtocol.UDP;
            case ICMP -> IpProtocol.ICMP;
            case RAW -> protocol;
        };
    }
}
