package io.nflab.packet;

import java.util.Objects;

/** An ICMP message that is neither a query nor an error (router advertisement, unknown types, …). */
public record IcmpOther(IcmpType type, int code, long restOfHeader, Payload payload) implements IcmpMessage {

    public IcmpOther {
        Objects.requireNonNull(type, "type");
        if (type.isQuery() || type.isError()) {
            throw new IllegalArgumentException("ICMP type " + type + " is " + (type.isQuery() ? "a query" : "an error")
                    + ", not an other message");
        }
        Checks.checkRange("ICMP code", code, 0xff);
        Checks.checkRange("ICMP rest of header", restOfHeader, 0xffff_ffffL);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public int length() {
        return HEADER_LENGTH + payload.length();
    }
}
