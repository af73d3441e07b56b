package io.nflab.netfilter.eval;

/**
 * A match extension compiled for evaluation: primitive fields taken from the model's match record,
 * tested against a packet without allocating. One implementation per match kind, each following the
 * kernel module of the same name.
 */
interface MatchTest {
    boolean test(PacketContext packet);
}
