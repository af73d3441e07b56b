package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.PkttypeMatch;
import io.nflab.netfilter.match.PkttypeMatch.PacketType;

/**
 * {@code -m pkttype} as xt_pkttype: the link type, where a looped-back packet counts as multicast when
 * its destination is a multicast address and as broadcast otherwise.
 */
final class PkttypeTest implements MatchTest {
    private final PacketType type;
    private final boolean negated;

    PkttypeTest(PkttypeMatch match) {
        type = match.type();
        negated = match.negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        PacketType actual = switch (packet.linkType) {
            case HOST -> PacketType.UNICAST;
            case BROADCAST -> PacketType.BROADCAST;
            case MULTICAST -> PacketType.MULTICAST;
            case OTHERHOST -> PacketType.OTHERHOST;
            case LOOPBACK -> (packet.destination & 0xf0000000) == 0xe0000000 ? PacketType.MULTICAST : PacketType.BROADCAST;
        };
        return (actual == type) != negated;
    }
}
