package io.nflab.packet;

import io.nflab.address.MacAddress;
import java.util.Objects;

/** An Ethernet II frame without preamble and FCS; the EtherType follows from the payload. */
public record EthernetFrame(MacAddress destination, MacAddress source, EthernetPayload payload) {
    public static final int HEADER_LENGTH = 14;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;

    public EthernetFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
    }

    public int etherType() {
        return payload.etherType();
    }

    public EthernetFrame withPayload(EthernetPayload newPayload) {
        return new EthernetFrame(destination, source, newPayload);
    }
}
