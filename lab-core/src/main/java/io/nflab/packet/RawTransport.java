package io.nflab.packet;

import java.util.Objects;

/**
 * The contents of a packet nflab does not parse: any protocol other than TCP, UDP and ICMP
 * (GRE, ESP, …), and every fragment, whatever its protocol.
 */
public record RawTransport(IpProtocol protocol, Payload payload) implements Transport {

    public RawTransport {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(payload, "payload");
    }

    public static RawTransport of(IpProtocol protocol, Payload payload) {
        return new RawTransport(protocol, payload);
    }

    @Override
    public int length() {
        return payload.length();
    }

    /** Whether nflab parses this protocol's header when the packet is not a fragment (TCP, UDP, ICMP). */
    static boolean isParsedProtocol(IpProtocol protocol) {
        return protocol.equals(IpProtocol.TCP) || protocol.equals(IpProtocol.UDP) || protocol.equals(IpProtocol.ICMP);
    }
}
