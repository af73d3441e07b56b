package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.UdpMatch;

/** {@code -m udp} as xt_tcpudp's {@code udp_mt}: both port ranges; later fragments never match. */
final class UdpTest implements MatchTest {
    private final PortCondition sourcePorts;
    private final PortCondition destinationPorts;

    UdpTest(UdpMatch match) {
        sourcePorts = new PortCondition(match.sourcePorts());
        destinationPorts = new PortCondition(match.destinationPorts());
    }

    @Override
    public boolean test(PacketContext packet) {
        return packet.hasUdpHeader() && sourcePorts.test(packet.sourcePort)
                && destinationPorts.test(packet.destinationPort);
    }
}
