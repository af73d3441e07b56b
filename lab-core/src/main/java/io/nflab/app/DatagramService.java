package io.nflab.app;

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
}
