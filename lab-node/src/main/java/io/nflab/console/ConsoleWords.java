package io.nflab.console;

import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.ShellWords;
import java.util.List;
import java.util.Optional;

/**
 * A console line split into words as a shell splits them ({@link ShellWords}: quotes and backslashes,
 * no expansions), with its input redirection: an unquoted {@code < FILE} or {@code << WORD} at the end.
 * Output redirection and pipes are refused, not passed on as words.
 */
public record ConsoleWords(List<String> words, Optional<Redirect> redirect) {

    /** {@code < target} ({@code hereDocument} false) or {@code << target}. */
    public record Redirect(boolean hereDocument, String target) {
    }

    public ConsoleWords {
        words = List.copyOf(words);
    }

    /** @throws UserInputException for an unterminated quote, {@code >}, {@code |} or a redirection without one word after it */
    public static ConsoleWords split(String line) {
        int operator = firstUnquotedOperator(line);
        if (operator < 0) {
            return new ConsoleWords(ShellWords.split(line), Optional.empty());
        }
        char c = line.charAt(operator);
        if (c == '>') {
            throw new UserInputException("output redirection `>' is not supported: the console prints everything");
        }
        if (c == '|') {
            throw new UserInputException("pipes `|' are not supported");
        }
        boolean hereDocument = line.startsWith("<<", operator);
        String rest = line.substring(operator + (hereDocument ? 2 : 1));
        String operatorText = hereDocument ? "<<" : "<";
        if (firstUnquotedOperator(rest) >= 0) {
            throw new UserInputException("only one redirection `" + operatorText + "' may end a line");
        }
        List<String> target = ShellWords.split(rest);
        if (target.size() != 1) {
            throw new UserInputException("`" + operatorText + "' needs one " + (hereDocument ? "end word" : "file name")
                    + " after it, found " + (target.isEmpty() ? "none" : String.join(" ", target)));
        }
        return new ConsoleWords(ShellWords.split(line.substring(0, operator)),
                Optional.of(new Redirect(hereDocument, target.get(0))));
    }

    /**
     * The index of the first {@code <}, {@code >} or {@code |} outside quotes and not escaped, or -1. Quotes
     * are followed as {@link ShellWords} follows them; an unterminated one is left for it to report.
     */
    private static int firstUnquotedOperator(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                quote = c == '\'' ? 0 : quote;
            } else if (quote == '"') {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quote = 0;
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '<' || c == '>' || c == '|') {
                return i;
            }
        }
        return -1;
    }
}
