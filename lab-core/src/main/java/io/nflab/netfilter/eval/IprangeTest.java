package io.nflab.netfilter.eval;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.match.IprangeMatch;
import java.util.Optional;

/** {@code -m iprange --src-range/--dst-range} as xt_iprange (unsigned, inclusive bounds). */
final class IprangeTest implements MatchTest {
    private final boolean testSource;
    private final int sourceFirst;
    private final int sourceLast;
    private final boolean sourceNegated;
    private final boolean testDestination;
    private final int destinationFirst;
    private final int destinationLast;
    private final boolean destinationNegated;

    IprangeTest(IprangeMatch match) {
        Optional<Negatable<IprangeMatch.Range>> source = match.source();
        Optional<Negatable<IprangeMatch.Range>> destination = match.destination();
        testSource = source.isPresent();
        sourceFirst = source.map(r -> r.value().first().bits()).orElse(0);
        sourceLast = source.map(r -> r.value().last().bits()).orElse(0);
        sourceNegated = source.map(Negatable::negated).orElse(false);
        testDestination = destination.isPresent();
        destinationFirst = destination.map(r -> r.value().first().bits()).orElse(0);
        destinationLast = destination.map(r -> r.value().last().bits()).orElse(0);
        destinationNegated = destination.map(Negatable::negated).orElse(false);
    }

    @Override
    public boolean test(PacketContext packet) {
        if (testSource && inRange(packet.source, sourceFirst, sourceLast) == sourceNegated) {
            return false;
        }
        return !testDestination || inRange(packet.destination, destinationFirst, destinationLast) != destinationNegated;
    }

    private static boolean inRange(int address, int first, int last) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }
}
