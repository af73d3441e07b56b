package io.nflab.conntrack;

/**
 * The TCP connection tracker's states ({@code enum tcp_conntrack}), in the kernel's order and with the names
 * {@code conntrack -L} and /proc/net/nf_conntrack print.
 */
public enum TcpState {
    NONE,
    SYN_SENT,
    SYN_RECV,
    ESTABLISHED,
    FIN_WAIT,
    CLOSE_WAIT,
    LAST_ACK,
    TIME_WAIT,
    CLOSE,
    /** A SYN seen from the reply direction after one from the original direction: simultaneous open. */
    SYN_SENT2;

    private static final TcpState[] VALUES = values();

    static TcpState ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
