package io.nflab.packet;

import java.io.ByteArrayOutputStream;

/** Numbers, hex bytes and quoted strings of the packet text form, read and written. */
final class PacketTextValues {
    private PacketTextValues() {
    }

    /** A decimal number, or hex with {@code 0x}, from 0 to {@code max}; {@code what} names it in errors. */
    static long number(String text, int column, String what, long max) {
        String expected = what + " (a number 0-" + max + ")";
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        String digits = hex ? text.substring(2) : text;
        int radix = hex ? 16 : 10;
        if (digits.isEmpty() || digits.length() > 10) {
            throw PacketSyntaxException.unexpected(text, column, expected);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, radix) : -1;
            if (digit < 0) {
                throw PacketSyntaxException.unexpected(text, column, expected);
            }
            value = value * radix + digit;
        }
        if (value > max) {
            throw PacketSyntaxException.unexpected(text, column, expected);
        }
        return value;
    }

    static int intNumber(PacketTextCursor.Word word, String what, int max) {
        return (int) number(word.text(), word.column(), what, max);
    }

    /** An even number of hex digits. */
    static Bytes hexBytes(PacketTextCursor.Word word, String what) {
        try {
            return Bytes.fromHex(word.text());
        } catch (IllegalArgumentException e) {
            throw PacketSyntaxException.unexpected(word.text(), word.column(), what + " (pairs of hex digits)");
        }
    }

    /** The bytes of a {@code "…"} word: ISO-8859-1 characters and the escapes \\ \" \r \n \t \xHH. */
    static Bytes unquote(PacketTextCursor.Word word) {
        String text = word.text();
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
            throw PacketSyntaxException.unexpected(text, word.column(), "a double-quoted string");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i = unescape(text, i, word.column(), bytes);
            } else if (c > 0xff) {
                throw PacketSyntaxException.unexpected(String.valueOf(c), word.column() + i,
                        "a character of one byte (ISO-8859-1), or an escape \\xHH");
            } else {
                bytes.write(c);
            }
        }
        return Bytes.of(bytes.toByteArray());
    }

    /** Decodes the escape starting at {@code i}; returns the index of its last character. */
    private static int unescape(String text, int i, int column, ByteArrayOutputStream bytes) {
        char kind = text.charAt(i + 1);
        switch (kind) {
            case '\\', '"' -> bytes.write(kind);
            case 'r' -> bytes.write('\r');
            case 'n' -> bytes.write('\n');
            case 't' -> bytes.write('\t');
            case 'x' -> {
                if (i + 3 <= text.length() - 2 && isHex(text.charAt(i + 2))
                        && isHex(text.charAt(i + 3))) {
                    bytes.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                    return i + 3;
                }
                throw PacketSyntaxException.unexpected(text.substring(i, Math.min(i + 4, text.length() - 1)),
                        column + i, "an escape \\xHH with two hex digits");
            }
            default -> throw PacketSyntaxException.unexpected(text.substring(i, i + 2), column + i,
                    "one of the escapes \\\\ \\\" \\r \\n \\t \\xHH");
        }
        return i + 1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The canonical quoted form: printable ASCII as it is, \r \n \t \\ \" escaped, other bytes as \xHH. */
    static String quote(Bytes bytes) {
        StringBuilder text = new StringBuilder(bytes.length() + 2).append('"');
        for (int i = 0; i < bytes.length(); i++) {
            int b = bytes.get(i);
            switch (b) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        text.append((char) b);
                    } else {
                        text.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
                    }
                }
            }
        }
        return text.append('"').toString();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
