package io.nflab.socket;

/** How a connection attempt went, as the program that opened it sees it. */
public enum Outcome {
    /** Still trying (TCP: SYN_SENT). */
    PENDING("pending"),
    /** The handshake completed (whatever happened later, short of a reset). */
    ESTABLISHED("established"),
    /** A RST answered the SYN, or an ICMP port unreachable came back (ECONNREFUSED). */
    REFUSED("refused"),
    /** An ICMP error other than port unreachable ended the attempt, or there was no route (ENETUNREACH, EHOSTUNREACH, …). */
    UNREACHABLE("unreachable"),
    /** No answer before the retries ran out (ETIMEDOUT). */
    TIMED_OUT("timed out"),
    /** The established connection was reset by the peer (ECONNRESET). */
    RESET("reset");

    private final String text;

    Outcome(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The outcome an error ends a connection with; {@code established} tells whether the handshake had completed. */
    public static Outcome of(Errno errno, boolean established) {
        return switch (errno) {
            case ECONNREFUSED -> established ? RESET : REFUSED;
            case ECONNRESET -> RESET;
            case ETIMEDOUT -> established ? RESET : TIMED_OUT;
            default -> established ? RESET : UNREACHABLE;
        };
    }
}
