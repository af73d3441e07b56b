package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.SctpMatch;

/** {@code -m sctp --sport/--dport} as xt_sctp: needs the 12-byte common header; later fragments never match. */
final class SctpTest implements MatchTest {
    private static final int PROTO_SCTP = 132;
    private static final int COMMON_HEADER = 12;
    private final PortCondition sourcePorts;
    private final PortCondition destinationPorts;

    SctpTest(SctpMatch match) {
        sourcePorts = match.sourcePorts().map(PortCondition::new).orElse(null);
        destinationPorts = match.destinationPorts().map(PortCondition::new).orElse(null);
    }

    @Override
    public boolean test(PacketContext packet) {
        if (packet.protocol != PROTO_SCTP || packet.transportBytes < COMMON_HEADER) {
            return false;
        }
        return (sourcePorts == null || sourcePorts.test(packet.sourcePort))
                && (destinationPorts == null || destinationPorts.test(packet.destinationPort));
    }

}
