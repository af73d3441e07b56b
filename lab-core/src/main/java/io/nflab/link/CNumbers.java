package io.nflab.link;

import java.util.Optional;

/** Numbers as C's {@code strtoul(text, &end, 0)} reads them for iproute2's {@code get_u32}: decimal, 0x hex or 0 octal. */
public final class CNumbers {

    private CNumbers() {
    }

    /** The value 0..2^32-1, or empty when the text is not entirely such a number. */
    public static Optional<Long> parseUnsigned(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int radix = 10;
        String digits = text;
        if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))) {
            radix = 16;
            digits = text.substring(2);
        } else if (text.length() > 1 && text.startsWith("0")) {
            radix = 8;
            digits = text.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) < 0x80 ? Character.digit(digits.charAt(i), radix) : -1;
            if (digit < 0) {
                return Optional.empty();
            }
            value = value * radix + digit;
            if (value > 0xffff_ffffL) {
                return Optional.empty();
            }
        }
        return Optional.of(value);
    }
}
