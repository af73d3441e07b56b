package io.nflab.packet;

import java.util.Objects;

/** A UDP datagram; its length field is derived: 8 header bytes plus the payload. */
public record UdpDatagram(int sourcePort, int destinationPort, Payload payload) implements PortTransport {
    public static final int HEADER_LENGTH = 8;

    public UdpDatagram {
        Checks.checkPort("UDP source", sourcePort);
        Checks.checkPort("UDP destination", destinationPort);
        Objects.requireNonNull(payload, "payload");
    }

    public static UdpDatagram of(int sourcePort, int destinationPort, Payload payload) {
        return new UdpDatagram(sourcePort, destinationPort, payload);
    }

    @Override
    public IpProtocol protocol() {
        return IpProtocol.UDP;
    }

    @Override
    public int length() {
        return HEADER_LENGTH + payload.length();
    }

    @Override
    public UdpDatagram withPorts(int newSourcePort, int newDestinationPort) {
        return new UdpDatagram(newSourcePort, newDestinationPort, payload);
    }

    public UdpDatagram withPayload(Payload newPayload) {
        return new UdpDatagram(sourcePort, destinationPort, newPayload);
    }
}
