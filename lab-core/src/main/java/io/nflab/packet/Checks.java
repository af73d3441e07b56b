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

    static void checkPort(String which, int port) {
        checkRange(which + " port", port, 0xffff);
    }
}
