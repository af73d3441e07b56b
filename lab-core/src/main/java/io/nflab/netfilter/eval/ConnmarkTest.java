package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.ConnmarkMatch;

/** {@code -m connmark --mark value/mask} as xt_connmark: a packet without an entry never matches. */
final class ConnmarkTest implements MatchTest {
    private final ConnmarkMatch match;

    ConnmarkTest(ConnmarkMatch match) {
        this.match = match;
    }

    @Override
    public boolean test(PacketContext packet) {
        return packet.hasConntrackEntry() && match.matches(packet.conntrack.mark());
    }
}
