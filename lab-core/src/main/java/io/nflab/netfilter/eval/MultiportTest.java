package io.nflab.netfilter.eval;

import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.MultiportMatch;
import java.util.List;

/**
 * {@code -m multiport} as xt_multiport's {@code ports_match_v1}: the first four transport bytes are the
 * ports, whatever the protocol; later fragments never match.
 */
final class MultiportTest implements MatchTest {
    private final MultiportMatch.Direction direction;
    private final int[] firsts;
    private final int[] lasts;
    private final boolean negated;

    MultiportTest(MultiportMatch match) {
        direction = match.direction();
        List<PortRange> ports = match.ports();
        firsts = new int[ports.size()];
        lasts = new int[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            firsts[i] = ports.get(i).first();
            lasts[i] = ports.get(i).last();
        }
        negated = match.negated();
    }

    @Override
    public boolean test(PacketContext packet) {
        if (!packet.hasPorts()) {
            return false;
        }
        int source = packet.sourcePort;
        int destination = packet.destinationPort;
        for (int i = 0; i < firsts.length; i++) {
            boolean hit = switch (direction) {
                case SOURCE -> source >= firsts[i] && source <= lasts[i];
                case DESTINATION -> destination >= firsts[i] && destination <= lasts[i];
                case EITHER -> source >= firsts[i] && source <= lasts[i]
                        || destination >= firsts[i] && destination <= lasts[i];
            };
            if (hit) {
                return !negated;
            }
        }
        return negated;
    }
}
