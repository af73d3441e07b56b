package io.nflab.socket;

import io.nflab.packet.IcmpQuery;
import io.nflab.packet.Ipv4Packet;

/** What a ping program does with what its ICMP socket receives; both methods default to nothing. */
public interface PingHandler {

    /** An echo reply carrying the socket's identifier. */
    default void reply(PingSocket socket, Ipv4Packet packet, IcmpQuery reply, long now) {
    }

    /** An ICMP error quoting an echo request with the socket's identifier ({@code IP_RECVERR}). */
    default void error(PingSocket socket, SocketError error, long now) {
    }
}
