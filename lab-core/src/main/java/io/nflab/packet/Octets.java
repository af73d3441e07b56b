package io.nflab.packet;

import java.util.OptionalInt;

/** The 0..255 numbers of the named-number types ({@link IpProtocol}, {@link IcmpType}): range check and decimal text. */
final class Octets {
    private Octets() {
    }

    /** {@code number} when it is 0..255; otherwise an exception naming {@code what}. */
    static int checked(int number, String what) {
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException(what + " " + number + " out of range 0-255");
        }
        return number;
    }

    /** The value of {@code text} when it is a decimal number 0..255 of at most three digits. */
    static OptionalInt parseDecimal(String text) {
        if (text == null || text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(text);
        return number <= 255 ? OptionalInt.of(number) : OptionalInt.empty();
    }
}
