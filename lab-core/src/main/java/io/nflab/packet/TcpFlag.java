package io.nflab.packet;

/** One TCP header flag with its bit, its letter in the packet text form and its iptables name. */
public enum TcpFlag {
    FIN(0x01, 'F'),
    SYN(0x02, 'S'),
    RST(0x04, 'R'),
    PSH(0x08, 'P'),
    ACK(0x10, 'A'),
    URG(0x20, 'U'),
    ECE(0x40, 'E'),
    CWR(0x80, 'C');

    private final int bit;
    private final char letter;

    TcpFlag(int bit, char letter) {
        this.bit = bit;
        this.letter = letter;
    }

    public int bit() {
        return bit;
    }

    public char letter() {
        return letter;
    }
}
