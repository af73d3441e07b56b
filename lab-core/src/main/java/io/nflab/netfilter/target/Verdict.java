package io.nflab.netfilter.target;

/** The standard verdicts: {@code -j ACCEPT}, {@code -j DROP}, {@code -j RETURN}. */
public enum Verdict implements Target {
    ACCEPT,
    DROP,
    /** Back to the calling chain; at the end of a built-in chain, the policy. */
    RETURN;

    @Override
    public boolean isTerminal() {
        return this != RETURN;
    }
}
