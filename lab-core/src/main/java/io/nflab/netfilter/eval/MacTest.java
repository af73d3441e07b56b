package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.MacMatch;

/** {@code -m mac --mac-source} as xt_mac: without an Ethernet header nothing matches, not even with {@code !}. */
final class MacTest implements MatchTest {
    private final long source;
    private final boolean negated;

    MacTest(MacMatch match) {
        source = match.source().bits();
        negated = match.negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        return packet.hasLinkHeader && (packet.linkSource.bits() == source) != negated;
    }
}
