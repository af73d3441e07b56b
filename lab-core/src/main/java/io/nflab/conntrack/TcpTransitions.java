package io.nflab.conntrack;

/**
 * The kernel's TCP state transition table, {@code tcp_conntracks[2][6][TCP_CONNTRACK_MAX]} of
 * net/netfilter/nf_conntrack_proto_tcp.c (Linux 6.x), copied cell for cell: direction × segment kind ×
 * current state → next state, {@link #INVALID} or {@link #IGNORE}.
 */
final class TcpTransitions {
    /** Segment kinds, the kernel's {@code enum tcp_bit_set}. */
    static final int SYN = 0;
    static final int SYNACK = 1;
    static final int FIN = 2;
    static final int ACK = 3;
    static final int RST = 4;
    static final int NONE = 5;

    /** {@code sIV}: a truly invalid packet. */
    static final int INVALID = 10;
    /** {@code sIG}: may be valid or not; let it through without changing state. */
    static final int IGNORE = 11;

    private static final int SNO = 0;
    private static final int SSS = 1;
    private static final int SSR = 2;
    private static final int SES = 3;
    private static final int SFW = 4;
    private static final int SCW = 5;
    private static final int SLA = 6;
    private static final int STW = 7;
    private static final int SCL = 8;
    private static final int SS2 = 9;
    private static final int SIV = INVALID;
    private static final int SIG = IGNORE;

    private static final int[][][] TABLE = {
        { // ORIGINAL
            //       sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
            /*syn*/ {SSS, SSS, SIG, SIG, SIG, SIG, SIG, SSS, SSS, SS2},
            /*synack*/ {SIV, SIV, SSR, SIV, SIV, SIV, SIV, SIV, SIV, SSR},
            /*fin*/ {SIV, SIV, SFW, SFW, SLA, SLA, SLA, STW, SCL, SIV},
            /*ack*/ {SES, SIV, SES, SES, SCW, SCW, STW, STW, SCL, SIV},
            /*rst*/ {SIV, SCL, SCL, SCL, SCL, SCL, SCL, SCL, SCL, SCL},
            /*none*/ {SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV},
        },
        { // REPLY
            //       sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2
            /*syn*/ {SIV, SS2, SIV, SIV, SIV, SIV, SIV, SSS, SIV, SS2},
            /*synack*/ {SIV, SSR, SIG, SIG, SIG, SIG, SIG, SIG, SIG, SSR},
            /*fin*/ {SIV, SIV, SFW, SFW, SLA, SLA, SLA, STW, SCL, SIV},
            /*ack*/ {SIV, SIG, SSR, SES, SCW, SCW, STW, STW, SCL, SIG},
            /*rst*/ {SIV, SCL, SCL, SCL, SCL, SCL, SCL, SCL, SCL, SCL},
            /*none*/ {SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV, SIV},
        },
    };

    private TcpTransitions() {
    }

    /** The next state's ordinal, {@link #INVALID} or {@link #IGNORE}; {@code direction} 0 = original. */
    static int next(int direction, int kind, int state) {
        return TABLE[direction][kind][state];
    }

    /** The segment kind of a flags byte, as the kernel's {@code get_conntrack_index}. */
    static int kind(int flags) {
        if ((flags & TcpFlagBits.RST) != 0) {
            return RST;
        }
        if ((flags & TcpFlagBits.SYN) != 0) {
            return (flags & TcpFlagBits.ACK) != 0 ? SYNACK : SYN;
        }
        if ((flags & TcpFlagBits.FIN) != 0) {
            return FIN;
        }
        return (flags & TcpFlagBits.ACK) != 0 ? ACK : NONE;
    }
}
