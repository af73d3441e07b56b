package io.nflab.netfilter.match;

/** {@code -m mark --mark VALUE[/MASK]}: {@code (packet mark & mask) == value}, with {@code !}. 32-bit unsigned. */
public record MarkMatch(long value, long mask, boolean negated) implements Match {

    public boolean matches(long mark) {
        return ((mark & mask) == value) != negated;
    }
}
