package io.nflab.conntrack;

/**
 * A table lookup's answer: the entry whose original or reply tuple matched, and which of the two.
 *
 * @param entry the connection
 * @param direction {@link CtDirection#ORIGINAL} when the original tuple matched
 */
public record TupleMatch(ConntrackEntry entry, CtDirection direction) {
}
