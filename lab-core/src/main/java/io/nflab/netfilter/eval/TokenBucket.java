package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.LimitMatch;

/** The state of one {@code -m limit} match: whether a packet at lab time {@code now} is within the rate. */
interface TokenBucket {

    boolean take(long now);

    static TokenBucket create(LimitMatch match, LimitAlgorithm algorithm) {
        return switch (algorithm) {
            case NFT_LIMIT -> new NftLimitBucket(match);
            case XT_LIMIT -> new XtLimitBucket(match);
        };
    }
}
