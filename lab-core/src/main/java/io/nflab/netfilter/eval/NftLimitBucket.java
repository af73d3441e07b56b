package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.LimitMatch;

/**
 * {@code -m limit} as iptables-nft installs it: {@code add_nft_limit} turns the average interval into a
 * rate per unit (the coarsest of second, minute, hour, day that keeps it exact enough), and the kernel's
 * nft_limit.c runs a token bucket in nanoseconds: each packet costs {@code unit/rate}, the bucket holds
 * {@code burst} packets' worth and starts full.
 */
final class NftLimitBucket implements TokenBucket {
    private static final long[] UNIT_SCALED = {
        LimitMatch.SCALE * 24 * 60 * 60, LimitMatch.SCALE * 60 * 60, LimitMatch.SCALE * 60, LimitMatch.SCALE};
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long cost;
    private final long tokensMax;
    private long tokens;
    private long last;
    private boolean started;

    NftLimitBucket(LimitMatch match) {
        long average = match.average();
        int i = 1;
        while (i < UNIT_SCALED.length) {
            if (average > UNIT_SCALED[i] || UNIT_SCALED[i] / average < UNIT_SCALED[i] % average) {
                break;
            }
            i++;
        }
        long rate = UNIT_SCALED[i - 1] / average;
        long unitNanos = UNIT_SCALED[i - 1] / LimitMatch.SCALE * NANOS_PER_SECOND;
        cost = unitNanos / rate;
        tokensMax = cost * match.burst();
        tokens = tokensMax;
    }

    @Override
    public boolean take(long now) {
        if (!started) {
            last = now;
            started = true;
        }
        long available = tokens + now - last;
        if (Long.compareUnsigned(available, tokensMax) > 0) {
            available = tokensMax;
        }
        last = now;
        long delta = available - cost;
        if (delta >= 0) {
            tokens = delta;
            return true;
        }
        tokens = available;
        return false;
    }
}
