package io.nflab.iptables;

import java.util.OptionalLong;

/** Number parsing as libxtables does it ({@code strtoul} with base 0: decimal, {@code 0x} hex, {@code 0} octal). */
public final class Numbers {
    private Numbers() {
    }

    /** {@code xtables_strtoul(text, NULL, &v, min, max)}: the whole text must be the number. */
    public static OptionalLong parse(String text, long min, long max) {
        ParsedPrefix prefix = parsePrefix(text, 0);
        if (prefix == null || prefix.end != text.length()) {
            return OptionalLong.empty();
        }
        long value = prefix.value;
        return Long.compareUnsigned(value, min) < 0 || Long.compareUnsigned(value, max) > 0
                ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** A number at the start of {@code text}, with the index after it (strtoul's endptr). */
    public record ParsedPrefix(long value, int end) {
    }

    /** {@code strtoul(text + from, &end, 0)}; null when no digits (strtoul's "no conversion"). */
    public static ParsedPrefix parsePrefix(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            if (i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (text.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0) {
            long next = value * radix + Character.digit(text.charAt(i), radix);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, radix)) > 0 || Long.compareUnsigned(next, value) < 0 && value != 0) {
                overflow = true;
            }
            value = next;
            i++;
        }
        if (i == start) {
            return null;
        }
        return new ParsedPrefix(overflow ? -1L : value, i);
    }
}
