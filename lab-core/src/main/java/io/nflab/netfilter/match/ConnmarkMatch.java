package io.nflab.netfilter.match;

/** {@code -m connmark --mark VALUE[/MASK]}: the connection's mark, {@code (ctmark & mask) == value}, with {@code !}. */
public record ConnmarkMatch(long value, long mask, boolean negated) implements Match {

    public boolean matches(long ctmark) {
        return ((ctmark & mask) == value) != negated;
    }
}
