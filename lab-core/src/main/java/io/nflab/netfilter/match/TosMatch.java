package io.nflab.netfilter.match;

/** {@code -m tos --tos VALUE[/MASK]}: {@code (tos & mask) == value}, with {@code !}. */
public record TosMatch(int value, int mask, boolean negated) implements Match {
}
