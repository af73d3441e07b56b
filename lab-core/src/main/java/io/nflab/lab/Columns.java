package io.nflab.lab;

/** Left-aligned text columns for the tables the console and the reports print. */
public final class Columns {
    private Columns() {
    }

    /** {@code text} followed by blanks up to {@code width} (never cut). */
    public static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
