package io.nflab.netfilter.match;

/**
 * {@code -m connlimit}: the number of connections from the packet's source ({@code perDestination}
 * false) or to its destination, grouped by prefix length {@code prefixLength}, compared with {@code limit}:
 * matches when above it ({@code --connlimit-above}), or when at most it ({@code --connlimit-upto}, {@code upto} true).
 */
public record ConnlimitMatch(long limit, int prefixLength, boolean upto, boolean perDestination) implements Match {

    public ConnlimitMatch {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("connlimit mask " + prefixLength);
        }
    }
}
