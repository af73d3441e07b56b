package io.nflab.netfilter.match;

import java.util.Objects;

/** {@code -m ttl --ttl-eq/--ttl-lt/--ttl-gt N} ({@code ! --ttl-eq} is not-equal). */
public record TtlMatch(Comparison comparison, int value) implements Match {

    /** The kernel's IPT_TTL_EQ/NE/LT/GT. */
    public enum Comparison { EQ, NE, LT, GT }

    public TtlMatch {
        Objects.requireNonNull(comparison, "comparison");
    }
}
