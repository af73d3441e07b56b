package io.nflab.diagnostics;

/**
 * A one-line text (a route, a command line) that does not parse; names the offending word and where it
 * starts in the text, so a file reader can point at {@code FILE:LINE:COLUMN} of the word itself.
 */
public class TextSyntaxException extends UserInputException {
    private final String offendingWord;
    private final int column;

    /**
     * @param column where the offending word starts in the text, 0-based (the text's length when a word is missing)
     */
    public TextSyntaxException(String message, String offendingWord, int column) {
        super(message);
        this.offendingWord = offendingWord;
        this.column = column;
    }

    /** The word that is wrong (empty when a word is missing at the end). */
    public String offendingWord() {
        return offendingWord;
    }

    /** Where the offending word starts in the text, 0-based. */
    public int column() {
        return column;
    }
}
