package io.nflab.socket;

/** The TCP states of RFC 9293 a connection goes through (a listener is a {@link TcpListener}). */
public enum TcpState {
    SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT, CLOSED;

    /** Whether the handshake is done and the connection has not ended. */
    public boolean isSynchronized() {
        return this != SYN_SENT && this != SYN_RECV && this != CLOSED;
    }

    /** Whether the application may still send data. */
    public boolean canSend() {
        return this == ESTABLISHED || this == CLOSE_WAIT;
    }
}
