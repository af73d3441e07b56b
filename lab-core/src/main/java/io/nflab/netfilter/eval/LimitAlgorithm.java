package io.nflab.netfilter.eval;

/**
 * Which kernel token bucket {@code -m limit} runs on. iptables 1.8.9 with the nf_tables backend (what
 * Debian 12 ships, and what nflab's iptables emulates) installs {@code -m limit} as the native nftables
 * {@code limit} expression; iptables-legacy uses the xt_limit match. Their arithmetic differs in rounding.
 */
public enum LimitAlgorithm {
    /** net/netfilter/nft_limit.c: tokens in nanoseconds; the default. */
    NFT_LIMIT,
    /** net/netfilter/xt_limit.c: credits per jiffy (HZ 250, 128 credits per jiffy). */
    XT_LIMIT
}
