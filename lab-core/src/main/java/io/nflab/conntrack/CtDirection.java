package io.nflab.conntrack;

/** The direction of a packet relative to its connection, as iptables' {@code --ctdir} sees it. */
public enum CtDirection {
    /** From the side that opened the connection. */
    ORIGINAL,
    /** From the side that answered. */
    REPLY;

    private static final CtDirection[] VALUES = values();

    /** The kernel's direction number: 0 original, 1 reply. */
    public int index() {
        return ordinal();
    }

    static CtDirection of(int index) {
        return VALUES[index];
    }

    /** The other direction. */
    public CtDirection opposite() {
        return this == ORIGINAL ? REPLY : ORIGINAL;
    }
}
