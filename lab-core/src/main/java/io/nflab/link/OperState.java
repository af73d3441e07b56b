package io.nflab.link;

/** The RFC 2863 operational state of a device ({@code IF_OPER_*}), as {@code ip link} prints it after {@code state}. */
public enum OperState {
    UNKNOWN,
    NOTPRESENT,
    DOWN,
    LOWERLAYERDOWN,
    TESTING,
    DORMANT,
    UP
}
