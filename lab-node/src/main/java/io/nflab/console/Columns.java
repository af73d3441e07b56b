package io.nflab.console;

/** Left-aligned text columns for the console's tables. */
final class Columns {
    private Columns() {
    }

    /** {@code text} followed by blanks up to {@code width} (never cut). */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
