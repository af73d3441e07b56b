package io.nflab.conntrack;

import java.util.OptionalInt;

/**
 * The C library's text-to-number functions with their exact leniency, because conntrack(8) parses its
 * arguments with them: {@code atoi}/{@code atol} (leading blanks and sign, digits up to the first other
 * character, no error), {@code strtoul} with base 0 ({@code 0x} hex, leading-0 octal), {@code inet_aton}
 * (1 to 4 parts, each decimal, octal or hex, the last filling the remaining bytes) and an IPv6 literal check
 * like {@code inet_pton(AF_INET6)}.
 */
final class CText {
    private CText() {
    }

    /** {@code atol}, wrapped to 64 bits like the C long. */
    static long atol(String text) {
        int i = skipBlanks(text, 0);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return negative ? -value : value;
    }

    /** {@code atoi}: {@link #atol} cut to 32 bits. */
    static int atoi(String text) {
        return (int) atol(text);
    }

    /** The result of {@code strtoul(text, &end, 0)}: the value and where parsing stopped. */
    record Unsigned(long value, int end) {
    }

    /** {@code strtoul} with base 0; a leading '-' negates modulo 2^64 as C does, overflow gives ULONG_MAX. */
    static Unsigned strtoul(String text, int from) {
        int i = skipBlanks(text, from);
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < text.length() && text.charAt(i) == '0') {
            boolean hex = i + 2 < text.length() && (text.charAt(i + 1) | 0x20) == 'x'
                    && digit(text.charAt(i + 2), 16) >= 0;
            base = hex ? 16 : 8;
            i += hex ? 2 : 0;
        }
        int digitsFrom = i;
        long value = 0;
        boolean overflow = false;
        for (; i < text.length() && digit(text.charAt(i), base) >= 0; i++) {
            int d = digit(text.charAt(i), base);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
                overflow = true;
            }
            value = value * base + d;
        }
        if (i == digitsFrom) {
            return new Unsigned(0, from); // no digits: nothing parsed
        }
        if (overflow) {
            return new Unsigned(-1L, i);
        }
        return new Unsigned(negative ? -value : value, i);
    }

    private static int digit(char c, int base) {
        return c < 128 ? Character.digit(c, base) : -1;
    }

    /** {@code strtoul(text, NULL, 0)}. */
    static long strtoul(String text) {
        return strtoul(text, 0).value();
    }

    /** {@code inet_aton}: the address bits, or empty when glibc would refuse the text. */
    static OptionalInt inetAton(String text) {
        long[] parts = new long[4];
        int count = 0;
        int i = 0;
        while (true) {
            if (i >= text.length() || !Character.isDigit(text.charAt(i)) || text.charAt(i) >= 128) {
                return OptionalInt.empty();
            }
            Unsigned part = strtoul(text, i);
            if (part.value() < 0 || part.value() > 0xffffffffL) {
                return OptionalInt.empty();
            }
            parts[count++] = part.value();
            i = part.end();
            if (i < text.length() && text.charAt(i) == '.') {
                if (count == 4) {
                    return OptionalInt.empty();
                }
                i++;
                continue;
            }
            break;
        }
        if (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            return OptionalInt.empty();
        }
        long value = parts[count - 1];
        long limit = switch (count) {
            case 1 -> 0xffffffffL;
            case 2 -> 0xffffffL;
            case 3 -> 0xffffL;
            default -> 0xffL;
        };
        if (value > limit) {
            return OptionalInt.empty();
        }
        for (int p = 0; p < count - 1; p++) {
            if (parts[p] > 0xff) {
                return OptionalInt.empty();
            }
            value |= parts[p] << (24 - 8 * p);
        }
        return OptionalInt.of((int) value);
    }

    /** Whether {@code inet_pton(AF_INET6, text)} accepts the text. */
    static boolean isIpv6Literal(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon < 0) {
            return words(text, true) == 8;
        }
        if (text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String left = text.substring(0, doubleColon);
        String right = text.substring(doubleColon + 2);
        int leftWords = left.isEmpty() ? 0 : words(left, false);
        int rightWords = right.isEmpty() ? 0 : words(right, true);
        return leftWords >= 0 && rightWords >= 0 && leftWords + rightWords <= 7;
    }

    /** The 16-bit words in colon-separated hex groups (a final dotted quad counts 2), -1 if malformed. */
    private static int words(String text, boolean mayEndWithIpv4) {
        String[] groups = text.split(":", -1);
        int words = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (mayEndWithIpv4 && g == groups.length - 1 && group.contains(".")) {
                if (!isDottedQuad(group)) {
                    return -1;
                }
                words += 2;
            } else if (group.isEmpty() || group.length() > 4
                    || !group.chars().allMatch(ch -> ch < 128 && Character.digit(ch, 16) >= 0)) {
                return -1;
            } else {
                words++;
            }
        }
        return words;
    }

    /** A dotted quad of four decimal parts, as inet_pton wants inside IPv6 text. */
    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255 || part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
