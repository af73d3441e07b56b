package io.nflab.packet;

/** A transport with 16-bit source and destination ports (TCP, UDP): what NAT and port matches see. */
public sealed interface PortTransport extends Transport permits TcpSegment, UdpDatagram {

    int sourcePort();

    int destinationPort();

    Payload payload();

    /** The same transport with other ports (what SNAT/DNAT/REDIRECT produce). */
    PortTransport withPorts(int sourcePort, int destinationPort);
}
