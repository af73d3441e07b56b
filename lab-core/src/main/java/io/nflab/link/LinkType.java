package io.nflab.link;

/** The kind of a network device, as {@code ip link} names it after {@code link/}. */
public enum LinkType {
    /** {@code lo}: every namespace has exactly one, ifindex 1. */
    LOOPBACK("loopback", 65536),
    /** An Ethernet port; in nflab every one is the end of a link to a segment (a veth in Linux terms). */
    ETHER("ether", 1500);

    private final String word;
    private final int defaultMtu;

    LinkType(String word, int defaultMtu) {
        this.word = word;
        this.defaultMtu = defaultMtu;
    }

    /** The word after {@code link/} in {@code ip link}. */
    public String word() {
        return word;
    }

    public int defaultMtu() {
        return defaultMtu;
    }

    /** The smallest MTU the device accepts (the kernel's {@code min_mtu}: 0 for lo, 68 for Ethernet). */
    public int minMtu() {
        return this == LOOPBACK ? 0 : 68;
    }

    /** The largest MTU the device accepts (lo: INT_MAX, veth: 65535). */
    public int maxMtu() {
        return this == LOOPBACK ? Integer.MAX_VALUE : 65535;
    }
}
