package io.nflab.scenario;

import io.nflab.diagnostics.TextSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does, without expansions: blanks separate
 * words, {@code '…'} quotes literally, {@code "…"} quotes with {@code \"}, {@code \\}, {@code \$} and
 * {@code \`} escapes, and a backslash outside quotes escapes the next character.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** @throws TextSyntaxException at an unterminated quote or a trailing backslash */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(line, i);
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new TextSyntaxException("trailing backslash in `" + line + "'", "\\", i);
                }
                word.append(line.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the double-quoted text starting at {@code open}; returns the index of the closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                c = line.charAt(++i);
            }
            word.append(c);
        }
        throw unterminated(line, open);
    }

    private static TextSyntaxException unterminated(String line, int quote) {
        return new TextSyntaxException("unterminated " + line.charAt(quote) + " quote in `" + line + "'",
                String.valueOf(line.charAt(quote)), quote);
    }
}
