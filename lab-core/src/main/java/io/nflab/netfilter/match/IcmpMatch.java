package io.nflab.netfilter.match;

/**
 * {@code -m icmp --icmp-type}: a type and a code range, with {@code !}. Type 255 is iptables' "any"
 * (every ICMP packet); a type without code has codes 0..255; a range with min > max matches nothing.
 */
public record IcmpMatch(int type, int codeMin, int codeMax, boolean negated) implements Match {
    public static final int ANY_TYPE = 0xff;

    public IcmpMatch {
        if (type < 0 || type > 255 || codeMin < 0 || codeMin > 255 || codeMax < 0 || codeMax > 255) {
            throw new IllegalArgumentException("bad icmp type/code " + type + "/" + codeMin + "-" + codeMax);
        }
    }

    public boolean matches(int packetType, int packetCode) {
        boolean raw = type == ANY_TYPE || type == packetType && packetCode >= codeMin && packetCode <= codeMax;
        return raw != negated;
    }
}
