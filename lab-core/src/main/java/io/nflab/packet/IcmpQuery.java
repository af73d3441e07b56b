package io.nflab.packet;

import java.util.Objects;

/** An ICMP echo, timestamp, information or address-mask request or reply, with identifier and sequence number. */
public record IcmpQuery(IcmpType type, int code, int identifier, int sequence, Payload payload) implements IcmpMessage {

    public IcmpQuery {
        Objects.requireNonNull(type, "type");
        if (!type.isQuery()) {
            throw new IllegalArgumentException("ICMP type " + type + " has no identifier and sequence number");
        }
        Checks.checkRange("ICMP code", code, 0xff);
        Checks.checkRange("ICMP identifier", identifier, 0xffff);
        Checks.checkRange("ICMP sequence number", sequence, 0xffff);
        Objects.requireNonNull(payload, "payload");
    }

    public static IcmpQuery echoRequest(int identifier, int sequence, Payload payload) {
        return new IcmpQuery(IcmpType.ECHO_REQUEST, 0, identifier, sequence, payload);
    }

    public static IcmpQuery echoReply(int identifier, int sequence, Payload payload) {
        return new IcmpQuery(IcmpType.ECHO_REPLY, 0, identifier, sequence, payload);
    }

    @Override
    public long restOfHeader() {
        return (long) identifier << 16 | sequence;
    }

    @Override
    public int length() {
        return HEADER_LENGTH + payload.length();
    }

    public IcmpQuery withIdentifier(int newIdentifier) {
        return new IcmpQuery(type, code, newIdentifier, sequence, payload);
    }
}
