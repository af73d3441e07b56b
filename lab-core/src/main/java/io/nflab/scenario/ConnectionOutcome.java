package io.nflab.scenario;

import io.nflab.socket.Outcome;
import java.util.Optional;

/**
 * How a connection attempt ends, as the application sees it: one value for each final
 * {@link io.nflab.socket.Outcome} of the lab's client programs.
 */
public enum ConnectionOutcome {
    /** The handshake completed (TCP), or the request was answered (UDP). */
    ESTABLISHED("established"),
    /** A TCP reset or an ICMP port unreachable came back (ECONNREFUSED). */
    REFUSED("refused"),
    /** An ICMP net/host unreachable or prohibited came back (ENETUNREACH, EHOSTUNREACH). */
    UNREACHABLE("unreachable"),
    /** Nothing came back before the retries ran out (ETIMEDOUT). */
    TIMEOUT("timeout"),
    /** The handshake completed, then the peer reset the connection (ECONNRESET). */
    RESET("reset");

    private final String keyword;

    ConnectionOutcome(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The outcome a client program ended with, in the scenario's words; empty while it is still pending. */
    public static Optional<ConnectionOutcome> of(Outcome outcome) {
        return switch (outcome) {
            case PENDING -> Optional.empty();
            case ESTABLISHED -> Optional.of(ESTABLISHED);
            case REFUSED -> Optional.of(REFUSED);
            case UNREACHABLE -> Optional.of(UNREACHABLE);
            case TIMED_OUT -> Optional.of(TIMEOUT);
            case RESET -> Optional.of(RESET);
        };
    }
}
