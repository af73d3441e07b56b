package io.nflab.packet;

/** Range checks with messages that name the field, shared by the value types. */
final class Checks {
    private Checks() {
    }

    static void checkRange(String what, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " out of range 0-" + max);
        }
    }

    /** As {@link #checkRange} for {@code "<which> port"}; the message is made only for a bad port. */
    static void checkPort(String which, int port) {
        if (port < 0 || port > 0xffff) {
            checkRange(which + " port", port, 0xffff);
        }
    }
}
