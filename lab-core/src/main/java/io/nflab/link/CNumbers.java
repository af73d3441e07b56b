package io.nflab.link;

import java.util.Optional;

/**
 * Numbers as iproute2 reads them ({@code get_u32}, {@code get_integer}): C's {@code strtoul}/{@code strtol}
 * with base 0 — decimal, {@code 0x} hex or {@code 0} octal, leading blanks and a sign allowed — and the
 * whole word consumed.
 */
public final class CNumbers {

    private CNumbers() {
    }

    /** {@code get_u32(…, 0)}: 0..2^32-1, or empty. A minus sign is accepted only before zero. */
    public static Optional<Long> parseUnsigned(String text) {
        String body = text.stripLeading();
        boolean negative = body.startsWith("-");
        if (negative || body.startsWith("+")) {
            body = body.substring(1);
        }
        Optional<Long> value = digits(body);
        return negative ? value.filter(v -> v == 0) : value;
    }

    /** {@code get_integer(…, 0)}: a C {@code int}, or empty. */
    public static Optional<Integer> parseInt(String text) {
        String body = text.stripLeading();
        boolean negative = body.startsWith("-");
        if (negative || body.startsWith("+")) {
            body = body.substring(1);
        }
        return digits(body).map(v -> negative ? -v : v)
                .filter(v -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)
                .map(Long::intValue);
    }

    /** Digits in C's base-0 notation, at most 2^32-1. */
    private static Optional<Long> digits(String body) {
        int radix = 10;
        String digits = body;
        if (body.length() > 2 && (body.startsWith("0x") || body.startsWith("0X"))) {
            radix = 16;
            digits = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
            digits = body.substring(1);
        }
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, radix) : -1;
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
