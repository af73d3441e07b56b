package io.nflab.conntrack;

/** The TCP header's flag bits as they sit in byte 13 of the header, the form {@link ConntrackPacket} takes. */
public final class TcpFlagBits {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private TcpFlagBits() {
    }

    /**
     * Whether the kernel's TCP tracker accepts the combination ({@code tcp_valid_flags} in
     * nf_conntrack_proto_tcp.c): PSH, ECE and CWR never matter; of the rest only SYN, SYN+URG, SYN+ACK, RST,
     * RST+ACK, FIN+ACK, FIN+ACK+URG, ACK and ACK+URG are valid. Anything else is INVALID.
     */
    public static boolean isValidCombination(int flags) {
        return switch (flags & (FIN | SYN | RST | ACK | URG)) {
            case SYN, SYN | URG, SYN | ACK, RST, RST | ACK, FIN | ACK, FIN | ACK | URG, ACK, ACK | URG -> true;
            default -> false;
        };
    }
}
