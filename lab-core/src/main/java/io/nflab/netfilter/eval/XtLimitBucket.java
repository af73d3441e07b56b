package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.LimitMatch;

/**
 * {@code -m limit} as iptables-legacy's xt_limit.c: credits in unsigned 32-bit arithmetic, 128 credits
 * per jiffy at HZ 250 (Debian's kernel), the bucket full at the start.
 */
final class XtLimitBucket implements TokenBucket {
    static final long HZ = 250;
    static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;
    private static final long CREDITS_PER_JIFFY = creditsPerJiffy();
    private static final long U32 = 0xffff_ffffL;

    private final long creditCap;
    private final long cost;
    private long credit;
    private long previous;
    private boolean started;

    XtLimitBucket(LimitMatch match) {
        long average = match.average() & U32;
        creditCap = userToCredits((average * match.burst()) & U32);
        cost = userToCredits(average);
        credit = creditCap;
    }

    /** The largest power of two not above {@code 0xFFFFFFFF / (HZ*60*60*24)}, as the kernel's macros compute. */
    private static long creditsPerJiffy() {
        long max = U32 / (HZ * 60 * 60 * 24);
        return Long.highestOneBit(max);
    }

    private static long userToCredits(long user) {
        if (user > U32 / (HZ * CREDITS_PER_JIFFY)) {
            return ((user / LimitMatch.SCALE) * HZ * CREDITS_PER_JIFFY) & U32;
        }
        return (user * HZ * CREDITS_PER_JIFFY) / LimitMatch.SCALE;
    }

    @Override
    public boolean take(long now) {
        long jiffies = Math.floorDiv(now, NANOS_PER_JIFFY);
        if (!started) {
            previous = jiffies;
            started = true;
        }
        if (credit < cost && previous == jiffies) {
            return false;
        }
        long increase = ((jiffies - previous) * CREDITS_PER_JIFFY) & U32;
        previous = jiffies;
        long newCredit = (credit + increase) & U32;
        if (newCredit > creditCap) {
            newCredit = creditCap;
        }
        if (newCredit >= cost) {
            credit = newCredit - cost;
            return true;
        }
        credit = newCredit;
        return false;
    }
}
