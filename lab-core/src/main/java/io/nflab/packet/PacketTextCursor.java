package io.nflab.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a packet text with their columns, and a position in them. Words are separated by
 * blanks; {@code [} and {@code ]} are words of their own; a double-quoted string (with backslash
 * escapes) is one word.
 */
final class PacketTextCursor {
    /** A word and the 0-based column where it starts. */
    record Word(String text, int column) {
    }

    private final List<Word> words;
    private final int endColumn;
    private int position;

    private PacketTextCursor(List<Word> words, int endColumn) {
        this.words = words;
        this.endColumn = endColumn;
    }

    static PacketTextCursor of(String text) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '[' || c == ']') {
                words.add(new Word(String.valueOf(c), i));
                i++;
            } else if (c == '"') {
                int end = closingQuote(text, i);
                words.add(new Word(text.substring(i, end + 1), i));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length() && " \t[]\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                words.add(new Word(text.substring(start, i), start));
            }
        }
        return new PacketTextCursor(words, text.length());
    }

    private static int closingQuote(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw PacketSyntaxException.unexpected(text.substring(open), open, "a string closed by \"");
    }

    /** The column just after the text, where "end of text" errors point. */
    int endColumn() {
        return endColumn;
    }

    boolean atEnd() {
        return position == words.size();
    }

    /** The next word without consuming it, or null at the end. */
    Word peek() {
        return atEnd() ? null : words.get(position);
    }

    /** The next word; at the end, an error saying {@code expected} was expected. */
    Word next(String expected) {
        if (atEnd()) {
            throw PacketSyntaxException.unexpected("", endColumn, expected);
        }
        return words.get(position++);
    }

    /** Consumes the next word, which must be {@code literal}. */
    Word expect(String literal) {
        Word word = next("\"" + literal + "\"");
        if (!word.text().equals(literal)) {
            throw PacketSyntaxException.unexpected(word.text(), word.column(), "\"" + literal + "\"");
        }
        return word;
    }
}
