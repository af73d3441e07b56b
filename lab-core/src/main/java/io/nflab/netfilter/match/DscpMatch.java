package io.nflab.netfilter.match;

/** {@code -m dscp --dscp N / --dscp-class CLASS}: the 6-bit DSCP field equals {@code dscp}, with {@code !}. */
public record DscpMatch(int dscp, boolean negated) implements Match {
}
