package io.nflab.socket;

/** What a listening application does with each connection it accepts: the handler that serves it. */
@FunctionalInterface
public interface TcpAcceptor {

    /** Called when a connection to the listener completes its handshake. */
    TcpHandler accept(TcpConnection connection, long now);
}
