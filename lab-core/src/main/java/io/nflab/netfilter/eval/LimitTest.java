package io.nflab.netfilter.eval;

/** {@code -m limit}: the rule's token bucket on the lab clock (state kept across recompiles of the rule). */
final class LimitTest implements MatchTest {
    private final TokenBucket bucket;

    LimitTest(TokenBucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public boolean test(PacketContext packet) {
        return bucket.take(packet.now);
    }
}
