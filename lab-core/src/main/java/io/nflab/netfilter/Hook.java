package io.nflab.netfilter;

/** The five netfilter hooks of the IPv4 packet path, in the kernel's numbering order. */
public enum Hook {
    PREROUTING,
    INPUT,
    FORWARD,
    OUTPUT,
    POSTROUTING;

    /** True for hooks a packet reaches before the routing decision knows an output interface. */
    public boolean isIncoming() {
        return this == PREROUTING || this == INPUT;
    }

    /** True for hooks of locally generated or leaving packets, where there is no input interface. */
    public boolean isOutgoing() {
        return this == OUTPUT || this == POSTROUTING;
    }
}
