package io.nflab.netfilter.match;

/** {@code -m length --length MIN[:MAX]}: the IP total length in that range, with {@code !}. */
public record LengthMatch(int min, int max, boolean negated) implements Match {
}
