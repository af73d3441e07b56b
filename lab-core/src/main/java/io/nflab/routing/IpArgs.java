package io.nflab.routing;

import java.util.List;

/** The words of an {@code ip} command with iproute2's way of walking them ({@code NEXT_ARG}, {@code matches}). */
final class IpArgs {
    private final List<String> words;
    private int next;

    IpArgs(List<String> words) {
        this.words = List.copyOf(words);
    }

    boolean hasNext() {
        return next < words.size();
    }

    String peek() {
        return words.get(next);
    }

    /** The current word, and moves past it. */
    String take() {
        if (!hasNext()) {
            throw IpExit.incomplete();
        }
        return words.get(next++);
    }

    /** {@code NEXT_ARG()}: the word after the keyword just taken. */
    String argument() {
        if (!hasNext()) {
            throw IpExit.incomplete();
        }
        return words.get(next++);
    }

    /** iproute2's {@code matches(word, keyword)}: the word is a non-empty prefix of the keyword. */
    static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }
}
