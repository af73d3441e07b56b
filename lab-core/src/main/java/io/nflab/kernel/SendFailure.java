package io.nflab.kernel;

import java.util.Objects;

/**
 * Why the kernel refused an injection, as the sending system call reported it: e.g. {@code EPERM}
 * when a rule in OUTPUT or POSTROUTING dropped the packet, {@code ENETUNREACH} when no route leads to
 * its destination, {@code EHOSTUNREACH} for an {@code unreachable} route.
 *
 * @param errno   the error's symbolic name, e.g. {@code EPERM}
 * @param message its text, e.g. {@code Operation not permitted}
 */
public record SendFailure(String errno, String message) {

    public SendFailure {
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return errno + " (" + message + ")";
    }
}
