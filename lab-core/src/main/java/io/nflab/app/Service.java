package io.nflab.app;

import io.nflab.socket.SocketId;

/** A service running on a host: its listening socket, and a way to stop it. */
public interface Service {

    SocketId id();

    /** Stops listening; connections already open finish. */
    void stop();
}
