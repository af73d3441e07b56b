package io.nflab.app;

import io.nflab.socket.SocketId;
import io.nflab.socket.TcpListener;

/** A service behind a TCP listener. */
record ListeningService(TcpListener listener) implements Service {
    @Override
    public SocketId id() {
        return listener.id();
    }

    @Override
    public void stop() {
        listener.close();
    }
}
