package io.nflab.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a corpus command line into words like a POSIX shell, without any expansion: blanks
 * (space, tab) separate words; {@code '...'} is literal; {@code "..."} is literal except that
 * {@code \"} and {@code \\} stand for {@code "} and {@code \}; outside quotes a backslash makes the
 * next character literal. tools/iptables-corpus/generate ({@code split_words}) implements the same
 * rules; both must change together.
 */
public final class CommandLineWords {

    private CommandLineWords() {
    }

    /**
     * The words of {@code line}.
     *
     * @throws IllegalArgumentException naming the problem (unterminated quote, trailing backslash)
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("backslash at end of line");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }

    /** Appends the body of a "..." word starting at {@code start}; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int start, StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated \" quote");
    }
}
