package io.nflab.routing;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;

/**
 * What a lookup knows about a flow beyond its addresses and devices (the kernel's {@code flowi4} fields that
 * policy rules select on): the firewall mark, the TOS byte, the IP protocol, the ports and the uid of the
 * sending socket. Lookups with only the default rules ignore all of it.
 *
 * @param mark            {@code flowi4_mark}
 * @param tos             the IPv4 TOS byte as sent; rules compare its bits 0x1c ({@code IPTOS_RT_MASK})
 * @param protocol        the IP protocol number, 0 when unknown
 * @param sourcePort      the transport source port, 0 when none
 * @param destinationPort the transport destination port, 0 when none
 * @param uid             the sending socket's uid; input lookups use 0 ({@code sock_net_uid(net, NULL)})
 */
public record RouteFlow(long mark, int tos, int protocol, int sourcePort, int destinationPort, long uid) {

    /** No mark, TOS, protocol or ports; uid 0. */
    public static final RouteFlow NONE = new RouteFlow(0, 0, 0, 0, 0, 0);

    /** The rules' view of the TOS byte ({@code IPTOS_RT_MASK}). */
    static final int TOS_MASK = 0x1c;

    public RouteFlow {
        if (mark < 0 || mark > 0xffff_ffffL || uid < 0 || uid > 0xffff_ffffL || tos < 0 || tos > 255
                || protocol < 0 || protocol > 255 || sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0
                || destinationPort > 0xffff) {
            throw new IllegalArgumentException("flow value out of range: " + mark + " " + tos + " " + protocol
                    + " " + sourcePort + " " + destinationPort + " " + uid);
        }
    }

    /** A flow with only a mark. */
    public static RouteFlow ofMark(long mark) {
        return mark == 0 ? NONE : new RouteFlow(mark, 0, 0, 0, 0, 0);
    }

    /**
     * The flow of a packet as the kernel's lookups see it: its TOS, protocol and ports (what
     * {@code fib4_rules_early_flow_dissect} takes for input, and what a socket's flow holds for output), uid 0.
     */
    public static RouteFlow of(Ipv4Packet packet, long mark) {
        int sport = 0;
        int dport = 0;
        if (packet.transport() instanceof PortTransport ports && !packet.header().isFragment()) {
            sport = ports.sourcePort();
            dport = ports.destinationPort();
        }
        return new RouteFlow(mark, packet.tos(), packet.header().protocol().number(), sport, dport, 0);
    }

    /** The flow {@code fib_validate_source} looks the source up with: no mark, ports swapped. */
    RouteFlow reversed() {
        return this == NONE ? NONE : new RouteFlow(0, tos, protocol, destinationPort, sourcePort, 0);
    }
}
