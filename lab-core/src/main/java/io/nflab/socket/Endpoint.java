package io.nflab.socket;

import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;

/** A socket that sends datagrams and so can be told about ICMP errors quoting them. */
sealed interface Endpoint permits TcpConnection, UdpSocket, PingSocket {

    SocketId id();

    Delivery delivery();

    /** An ICMP error ({@code packet} carries it) about a datagram this socket sent. */
    void icmpError(Ipv4Packet packet, IcmpError error, long now);
}
