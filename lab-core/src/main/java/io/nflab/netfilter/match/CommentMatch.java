package io.nflab.netfilter.match;

import java.util.Objects;

/** {@code -m comment --comment TEXT}: matches every packet; the text (at most 255 bytes) is for people. */
public record CommentMatch(String comment) implements Match {

    public CommentMatch {
        Objects.requireNonNull(comment, "comment");
    }
}
