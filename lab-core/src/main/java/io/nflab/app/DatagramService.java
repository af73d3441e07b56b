package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.socket.SocketException;
import io.nflab.socket.SocketId;
import io.nflab.socket.UdpSocket;

/** A service behind a UDP socket. */
record DatagramService(UdpSocket socket) implements Service {
    @Override
    public SocketId id() {
        return socket.id();
    }

    @Override
    public void stop() {
        socket.close();
    }

    /**
     * Answers a datagram as a UDP server does: when {@code sendto} fails (no route back to the client,
     * ENETUNREACH and the like) the server gets the error, drops the answer and goes on serving.
     */
    static void answer(UdpSocket socket, Ipv4Address client, int port, Bytes data, long now) {
        try {
            socket.sendTo(client, port, data, now);
        } catch (SocketException e) {
            // the answer is lost, as sendto's error is for the server's log only
        }
    }
}
