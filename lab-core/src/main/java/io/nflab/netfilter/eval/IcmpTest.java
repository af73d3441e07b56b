package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.IcmpMatch;

/** {@code -m icmp --icmp-type} as ip_tables' {@code icmp_match}: later fragments never match. */
final class IcmpTest implements MatchTest {
    private final IcmpMatch match;

    IcmpTest(IcmpMatch match) {
        this.match = match;
    }

    @Override
    public boolean test(PacketContext packet) {
        return packet.hasIcmpHeader() && match.matches(packet.icmpType, packet.icmpCode);
    }
}
