package io.nflab.socket;

import io.nflab.packet.Bytes;

/**
 * What an application does when its TCP connection changes; every method has a do-nothing default.
 * Calls come synchronously from {@link SocketTable#deliver} and {@link SocketTable#poll}, and the
 * application may call back into the connection ({@code send}, {@code close}) right away.
 */
public interface TcpHandler {

    /** The handshake completed. */
    default void connected(TcpConnection connection, long now) {
    }

    /** In-order data arrived (the application reads it all at once). */
    default void received(TcpConnection connection, Bytes data, long now) {
    }

    /** The peer sent its FIN: no more data will come (read returns 0). */
    default void peerClosed(TcpConnection connection, long now) {
    }

    /**
     * The connection is over for the application: closed in an orderly way (it then sits in TIME_WAIT or
     * is gone), or failed with {@link TcpConnection#error()} (refused, reset, timed out, unreachable).
     */
    default void closed(TcpConnection connection, long now) {
    }
}
