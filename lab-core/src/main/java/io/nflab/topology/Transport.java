package io.nflab.topology;

/** The transport protocols a service listens on and a scenario connects with. */
public enum Transport {
    TCP("tcp"),
    UDP("udp");

    private final String keyword;

    Transport(String keyword) {
        this.keyword = keyword;
    }

    /** The lowercase name, as iptables and the file formats write it. */
    public String keyword() {
        return keyword;
    }
}
