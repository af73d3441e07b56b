package io.nflab.netfilter.eval;

import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.ConntrackMatch;
import java.util.Optional;

/**
 * {@code -m conntrack} as xt_conntrack's {@code conntrack_mt} (revision 3). A packet without an entry
 * matches only through {@code --ctstate}; every other test then fails, even with {@code !}.
 */
final class ConntrackTest implements MatchTest {
    private final boolean testState;
    private final int states;
    private final boolean statesNegated;
    private final boolean testProtocol;
    private final int protocol;
    private final boolean protocolNegated;
    private final AddressSpec originalSource;
    private final AddressSpec originalDestination;
    private final AddressSpec replySource;
    private final AddressSpec replyDestination;
    private final PortCondition originalSourcePort;
    private final PortCondition originalDestinationPort;
    private final PortCondition replySourcePort;
    private final PortCondition replyDestinationPort;
    private final boolean testStatus;
    private final int status;
    private final boolean statusNegated;
    private final boolean testExpire;
    private final long expireMin;
    private final long expireMax;
    private final boolean expireNegated;
    private final boolean testDirection;
    private final boolean reply;

    ConntrackTest(ConntrackMatch match) {
        testState = match.state().isPresent();
        states = match.state().map(s -> StateBits.of(s.value())).orElse(0);
        statesNegated = match.state().map(Negatable::negated).orElse(false);
        testProtocol = match.protocol().isPresent();
        protocol = match.protocol().map(Negatable::value).orElse(0);
        protocolNegated = match.protocol().map(Negatable::negated).orElse(false);
        originalSource = match.originalSource().orElse(null);
        originalDestination = match.originalDestination().orElse(null);
        replySource = match.replySource().orElse(null);
        replyDestination = match.replyDestination().orElse(null);
        originalSourcePort = port(match.originalSourcePort());
        originalDestinationPort = port(match.originalDestinationPort());
        replySourcePort = port(match.replySourcePort());
        replyDestinationPort = port(match.replyDestinationPort());
        testStatus = match.status().isPresent();
        status = match.status().map(Negatable::value).orElse(0);
        statusNegated = match.status().map(Negatable::negated).orElse(false);
        testExpire = match.expire().isPresent();
        expireMin = match.expire().map(e -> e.value().min()).orElse(0L);
        expireMax = match.expire().map(e -> e.value().max()).orElse(0L);
        expireNegated = match.expire().map(Negatable::negated).orElse(false);
        testDirection = match.direction().isPresent();
        reply = match.direction().filter(ConntrackMatch.Direction.REPLY::equals).isPresent();
    }

    private static PortCondition port(Optional<Negatable<PortRange>> range) {
        return range.map(PortCondition::new).orElse(null);
    }

    @Override
    public boolean test(PacketContext packet) {
        if (testState && ((states & StateBits.ofPacket(packet, true)) != 0) == statesNegated) {
            return false;
        }
        if (!packet.hasConntrackEntry()) {
            return testState;
        }
        ConntrackView ct = packet.conntrack;
        if (testDirection && ct.isReply() != reply) {
            return false;
        }
        // each tuple field is read only when tested: reading one may unpack the entry's tuple
        if (originalSource != null && !originalSource.matches(ct.originalSource())
                || originalDestination != null && !originalDestination.matches(ct.originalDestination())
                || replySource != null && !replySource.matches(ct.replySource())
                || replyDestination != null && !replyDestination.matches(ct.replyDestination())) {
            return false;
        }
        if (testProtocol && (ct.protocol() == protocol) == protocolNegated) {
            return false;
        }
        if (originalSourcePort != null && !originalSourcePort.test(ct.originalSourcePort())
                || originalDestinationPort != null && !originalDestinationPort.test(ct.originalDestinationPort())
                || replySourcePort != null && !replySourcePort.test(ct.replySourcePort())
                || replyDestinationPort != null && !replyDestinationPort.test(ct.replyDestinationPort())) {
            return false;
        }
        if (testStatus && ((ct.status() & status) != 0) == statusNegated) {
            return false;
        }
        if (testExpire) {
            long expires = ct.expiresInSeconds();
            return (expires >= expireMin && expires <= expireMax) != expireNegated;
        }
        return true;
    }

}
