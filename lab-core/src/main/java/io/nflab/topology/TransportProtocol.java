package io.nflab.topology;

/** The transport protocols a service listens on and a scenario connects with. */
public enum TransportProtocol {
    TCP("tcp"),
    UDP("udp");

    private final String keyword;

    TransportProtocol(String keyword) {
        this.keyword = keyword;
    }

    /** The lowercase name, as iptables and the file formats write it. */
    public String keyword() {
        return keyword;
    }
}
