package io.nflab.packet;

import io.nflab.diagnostics.UserInputException;

/**
 * Packet text that does not parse. The message is complete, e.g.
 * {@code packet text: unexpected "flgs" at column 35, expected one of: flags, seq, …};
 * {@link #offendingWord()} is the word at fault (empty at the end of the text) and {@link #column()}
 * its 0-based index in the text.
 */
public final class PacketSyntaxException extends UserInputException {
    private final String offendingWord;
    private final int column;

    public PacketSyntaxException(String message, String offendingWord, int column) {
        super(message);
        this.offendingWord = offendingWord;
        this.column = column;
    }

    /** {@code unexpected "WORD" at column N, expected WHAT} (or {@code unexpected end of text …} for an empty word). */
    static PacketSyntaxException unexpected(String word, int column, String expected) {
        String what = word.isEmpty() ? "end of text" : "\"" + word + "\"";
        return new PacketSyntaxException("packet text: unexpected " + what + " at column " + column + ", expected "
                + expected, word, column);
    }

    /** {@code PROBLEM: "WORD" at column N}, for words that are well formed but do not fit. */
    static PacketSyntaxException invalid(String word, int column, String problem) {
        return new PacketSyntaxException("packet text: " + problem + ": \"" + word + "\" at column " + column,
                word, column);
    }

    public String offendingWord() {
        return offendingWord;
    }

    public int column() {
        return column;
    }
}
