package io.nflab.netfilter.match;

/**
 * {@code --tcp-flags MASK COMP}: the flags in {@code mask} are examined and those in {@code set} must be
 * set (the others of the mask clear). Bits as in the TCP header: FIN 0x01, SYN 0x02, RST 0x04,
 * PSH 0x08, ACK 0x10, URG 0x20 (iptables knows no others). {@link #NONE} tests nothing.
 */
public record TcpFlagTest(int mask, int set) {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final TcpFlagTest NONE = new TcpFlagTest(0, 0);
    /** {@code --syn}: SYN set, RST ACK FIN clear. */
    public static final TcpFlagTest SYN_ONLY = new TcpFlagTest(FIN | SYN | RST | ACK, SYN);

    public TcpFlagTest {
        if ((mask & ~0xff) != 0 || (set & ~0xff) != 0) {
            throw new IllegalArgumentException("tcp flags are 8 bits");
        }
    }

    public boolean matches(int headerFlags) {
        return (headerFlags & mask) == set;
    }
}
