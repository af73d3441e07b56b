package io.nflab.socket;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;

/** What an application does with what its UDP socket receives; both methods default to nothing. */
public interface UdpHandler {

    /** A datagram arrived; {@code packet} carries the sender's address and the TTL. */
    default void received(UdpSocket socket, Ipv4Packet packet, UdpDatagram datagram, long now) {
    }

    /**
     * An ICMP error about a datagram this socket sent: all of them with {@link UdpSocket#setReceiveErrors}
     * ({@code IP_RECVERR}), otherwise only hard errors (port unreachable: ECONNREFUSED) on a connected socket.
     */
    default void error(UdpSocket socket, SocketError error, long now) {
    }
}
