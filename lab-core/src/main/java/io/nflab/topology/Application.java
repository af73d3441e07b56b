package io.nflab.topology;

import java.util.List;

/** The applications a node can serve; each has its well-known port and the transports it runs over. */
public enum Application {
    /** A web server answering every request with 200 OK. */
    HTTP("http", 80, List.of(TransportProtocol.TCP)),
    /** RFC 862: sends back what it receives. */
    ECHO("echo", 7, List.of(TransportProtocol.TCP, TransportProtocol.UDP)),
    /** RFC 863: reads and throws away. */
    DISCARD("discard", 9, List.of(TransportProtocol.TCP, TransportProtocol.UDP)),
    /** An FTP server with the control connection on this port and active/passive data connections (conntrack's ftp helper). */
    FTP("ftp", 21, List.of(TransportProtocol.TCP)),
    /** A DNS server answering every query. */
    DNS("dns", 53, List.of(TransportProtocol.UDP, TransportProtocol.TCP));

    private final String keyword;
    private final int defaultPort;
    private final List<TransportProtocol> transports;

    Application(String keyword, int defaultPort, List<TransportProtocol> transports) {
        this.keyword = keyword;
        this.defaultPort = defaultPort;
        this.transports = transports;
    }

    /** The word the topology file uses. */
    public String keyword() {
        return keyword;
    }

    /** The port used when a service names none. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The transports it runs over; the first is the one used when a service names none. */
    public List<TransportProtocol> transports() {
        return transports;
    }

    public TransportProtocol defaultTransport() {
        return transports.get(0);
    }
}
