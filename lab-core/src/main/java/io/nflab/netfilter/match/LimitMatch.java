package io.nflab.netfilter.match;

/**
 * {@code -m limit --limit RATE --limit-burst N}: a token bucket. {@code average} is the kernel's
 * {@code avg}: the interval between packets in units of 1/10000 s ({@link #SCALE}); {@code burst} the
 * bucket size. Only parameters live here; the bucket state belongs to the packet path and the lab clock.
 */
public record LimitMatch(long average, int burst) implements Match {
    /** The kernel's XT_LIMIT_SCALE. */
    public static final long SCALE = 10000;

    public LimitMatch {
        if (average <= 0 || burst <= 0) {
            throw new IllegalArgumentException("limit average and burst must be positive");
        }
    }
}
