package io.nflab.scenario;

/** How a connection attempt ends, as the application sees it. */
public enum ConnectionOutcome {
    /** The handshake completed (TCP), or the request was answered (UDP). */
    ESTABLISHED("established"),
    /** A TCP reset or an ICMP port unreachable came back (ECONNREFUSED). */
    REFUSED("refused"),
    /** An ICMP net/host unreachable or prohibited came back (ENETUNREACH, EHOSTUNREACH). */
    UNREACHABLE("unreachable"),
    /** Nothing came back before the retries ran out (ETIMEDOUT). */
    TIMEOUT("timeout");

    private final String keyword;

    ConnectionOutcome(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
