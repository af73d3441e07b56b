package io.nflab.console;

import io.nflab.lab.FateText;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpNames;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.PortTransport;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;

/**
 * A packet in a few words, for one-line summaries: the head of its packet text (docs/packet-text.md) —
 * protocol and endpoints, TCP flags, the ICMP kind and echo sequence — plus the payload length; sequence
 * numbers, options, TTL and IP fields are left to {@link PacketText#format}.
 */
public final class PacketBrief {
    /** Where packets ended, with packets shown as briefs: the console's wording of a fate. */
    public static final FateText FATES = new FateText(PacketBrief::of);

    private PacketBrief() {
    }

    /** The brief of {@code packet}: {@code tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S}. */
    public static String of(Ipv4Packet packet) {
        StringBuilder out = new StringBuilder(48);
        if (packet.transport() instanceof PortTransport ports) {
            out.append(packet.protocol()).append(' ')
                    .append(packet.source()).append(':').append(ports.sourcePort()).append(" > ")
                    .append(packet.destination()).append(':').append(ports.destinationPort());
            if (ports instanceof TcpSegment tcp) {
                if (!tcp.flags().isEmpty()) {
                    out.append(" flags ").append(tcp.flags());
                }
                payloadLength(out, tcp.payload().length());
            } else if (ports instanceof UdpDatagram udp) {
                payloadLength(out, udp.payload().length());
            }
        } else if (packet.transport() instanceof IcmpMessage icmp) {
            out.append("icmp ").append(packet.source()).append(" > ").append(packet.destination()).append(' ')
                    .append(icmpKind(icmp));
            if (icmp instanceof IcmpQuery query) {
                out.append(" seq ").append(query.sequence());
            }
        } else {
            out.append(packet.protocol()).append(' ').append(packet.source()).append(" > ").append(packet.destination());
            payloadLength(out, packet.transport().length());
        }
        return out.toString();
    }

    private static void payloadLength(StringBuilder out, int length) {
        if (length > 0) {
            out.append(" len ").append(length);
        }
    }

    private static String icmpKind(IcmpMessage icmp) {
        int type = icmp.type().number();
        int code = icmp.code();
        if (code == 0 && icmp.type().hasName()) {
            return icmp.type().name();
        }
        return IcmpNames.codeName(type, code).orElse(code == 0 ? Integer.toString(type) : type + "/" + code);
    }
}
