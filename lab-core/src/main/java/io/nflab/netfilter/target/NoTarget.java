package io.nflab.netfilter.target;

/** A rule without {@code -j}: it only counts the packets it matches, which go on to the next rule. */
public enum NoTarget implements Target {
    INSTANCE;

    @Override
    public boolean isTerminal() {
        return false;
    }
}
