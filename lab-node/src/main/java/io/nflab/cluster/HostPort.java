package io.nflab.cluster;

import io.nflab.diagnostics.UserInputException;

/** A cluster member's address as the command line names it: {@code HOST:PORT} (port 0: any free port). */
public record HostPort(String host, int port) {

    public HostPort {
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad member address " + host + ":" + port);
        }
    }

    /** Reads {@code HOST:PORT}; anything else is a {@link UserInputException} naming the word. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UserInputException("bad member address `" + text + "': expected HOST:PORT");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new UserInputException("bad port in `" + text + "': expected 0 to 65535");
            }
            return new HostPort(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UserInputException("bad port in `" + text + "': expected a number");
        }
    }

    /** The address of the member of the {@code nflab} actor system here, as Akka names it. */
    public String akkaAddress() {
        return "akka://" + LabCluster.SYSTEM_NAME + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
