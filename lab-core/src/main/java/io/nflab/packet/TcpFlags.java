package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The eight TCP flags as a bit set (FIN 0x01 … CWR 0x80, the header's byte 13). Printed as letters
 * in the order {@code FSRPAUEC} ({@code S}, {@code SA}, {@code FA}, {@code PA}); no flags print as
 * {@code none}. {@link #of} never allocates. Jackson writes the letters.
 */
public final class TcpFlags {
    private static final TcpFlags[] ALL = new TcpFlags[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new TcpFlags(i);
        }
    }

    public static final TcpFlags NONE = of(0);
    public static final TcpFlags SYN = of(TcpFlag.SYN);
    public static final TcpFlags SYN_ACK = of(TcpFlag.SYN, TcpFlag.ACK);
    public static final TcpFlags ACK = of(TcpFlag.ACK);
    public static final TcpFlags PSH_ACK = of(TcpFlag.PSH, TcpFlag.ACK);
    public static final TcpFlags FIN_ACK = of(TcpFlag.FIN, TcpFlag.ACK);
    public static final TcpFlags RST = of(TcpFlag.RST);
    public static final TcpFlags RST_ACK = of(TcpFlag.RST, TcpFlag.ACK);

    private final int bits;

    private TcpFlags(int bits) {
        this.bits = bits;
    }

    public static TcpFlags of(int bits) {
        if (bits < 0 || bits > 0xff) {
            throw new IllegalArgumentException("TCP flag bits " + bits + " out of range 0-255");
        }
        return ALL[bits];
    }

    public static TcpFlags of(TcpFlag... flags) {
        int bits = 0;
        for (TcpFlag flag : flags) {
            bits |= flag.bit();
        }
        return ALL[bits];
    }

    /**
     * Letters from {@code FSRPAUEC} in any order, each at most once ({@code SA}, {@code AS}), or
     * {@code none}; throws IllegalArgumentException naming the bad letter otherwise.
     */
    @JsonCreator
    public static TcpFlags parse(String letters) {
        if (letters.equals("none")) {
            return NONE;
        }
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("no TCP flag letters (use none for no flags)");
        }
        int bits = 0;
        for (int i = 0; i < letters.length(); i++) {
            TcpFlag flag = flagOfLetter(letters.charAt(i));
            if (flag == null) {
                throw new IllegalArgumentException("'" + letters.charAt(i) + "' is not a TCP flag letter (FSRPAUEC)");
            }
            if ((bits & flag.bit()) != 0) {
                throw new IllegalArgumentException("TCP flag letter '" + flag.letter() + "' given twice");
            }
            bits |= flag.bit();
        }
        return ALL[bits];
    }

    private static TcpFlag flagOfLetter(char letter) {
        for (TcpFlag flag : TcpFlag.values()) {
            if (flag.letter() == letter) {
                return flag;
            }
        }
        return null;
    }

    public int bits() {
        return bits;
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    public boolean has(TcpFlag flag) {
        return (bits & flag.bit()) != 0;
    }

    /** Whether, of the flags in {@code mask}, exactly those in {@code comparison} are set (iptables {@code --tcp-flags}). */
    public boolean matches(int mask, int comparison) {
        return (bits & mask) == comparison;
    }

    public TcpFlags with(TcpFlag flag) {
        return ALL[bits | flag.bit()];
    }

    public TcpFlags without(TcpFlag flag) {
        return ALL[bits & ~flag.bit()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpFlags other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    /** The letters in {@code FSRPAUEC} order, or {@code none}. */
    @JsonValue
    @Override
    public String toString() {
        if (bits == 0) {
            return "none";
        }
        StringBuilder letters = new StringBuilder(8);
        for (TcpFlag flag : TcpFlag.values()) {
            if (has(flag)) {
                letters.append(flag.letter());
            }
        }
        return letters.toString();
    }
}
