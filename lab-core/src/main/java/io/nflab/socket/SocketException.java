package io.nflab.socket;

import io.nflab.diagnostics.UserInputException;
import java.util.Objects;

/**
 * A socket call that fails the way the system call would, e.g. {@code bind} on a port in use
 * ({@link Errno#EADDRINUSE}). The message names the call and the address.
 */
public final class SocketException extends UserInputException {
    private final Errno errno;

    public SocketException(String call, Errno errno) {
        super(call + ": " + errno.message());
        this.errno = Objects.requireNonNull(errno, "errno");
    }

    public Errno errno() {
        return errno;
    }
}
