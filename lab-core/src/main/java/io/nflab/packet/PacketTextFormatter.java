package io.nflab.packet;

import io.nflab.address.Ipv4Address;
import java.util.Arrays;
import java.util.List;

/** Writes the canonical packet text form (docs/packet-text.md): fixed field order, defaults left out. */
final class PacketTextFormatter {
    private PacketTextFormatter() {
    }

    static String format(Ipv4Packet packet) {
        StringBuilder out = new StringBuilder(64);
        append(out, packet.header(), packet.transport(), false);
        return out.toString();
    }

    private static void append(StringBuilder out, Ipv4Header ip, Transport transport, boolean inQuote) {
        endpoints(out, ip, transport);
        if (transport instanceof TcpSegment tcp) {
            tcpFields(out, tcp);
        } else if (transport instanceof IcmpMessage icmp) {
            icmpFields(out, icmp);
        }
        ipFields(out, ip);
        if (inQuote && ip.totalLength() != ip.headerLength() + transport.length()) {
            out.append(" totlen ").append(ip.totalLength());
        }
        if (transport instanceof IcmpError error) {
            out.append(" [");
            quote(out, error.quote());
            out.append(']');
        } else {
            payload(out, payloadOf(transport));
        }
    }

    private static void endpoints(StringBuilder out, Ipv4Header ip, Transport transport) {
        if (transport instanceof PortTransport ports) {
            out.append(transport.protocol()).append(' ').append(ip.source()).append(':').append(ports.sourcePort())
                    .append(" > ").append(ip.destination()).append(':').append(ports.destinationPort());
            return;
        }
        if (transport instanceof IcmpMessage) {
            out.append("icmp");
        } else {
            out.append(rawProtocolWord(transport.protocol()));
        }
        out.append(' ').append(ip.source()).append(" > ").append(ip.destination());
        if (transport instanceof IcmpMessage icmp) {
            out.append(' ').append(icmpKind(icmp.type(), icmp.code()));
        }
    }

    /** {@code gre}; {@code proto tcp} for raw bytes of a protocol nflab parses; {@code proto 253} without a name. */
    static String rawProtocolWord(IpProtocol protocol) {
        if (RawTransport.isParsedProtocol(protocol) || !protocol.hasName()) {
            return "proto " + protocol;
        }
        return protocol.name();
    }

    /** The type name for code 0, else the code's name, else {@code TYPE/CODE} ({@code TYPE} for code 0). */
    static String icmpKind(IcmpType type, int code) {
        if (code == 0 && type.hasName()) {
            return type.name();
        }
        return IcmpNames.codeName(type.number(), code)
                .orElse(code == 0 ? Integer.toString(type.number()) : type.number() + "/" + code);
    }

    private static void tcpFields(StringBuilder out, TcpSegment tcp) {
        if (!tcp.flags().isEmpty()) {
            out.append(" flags ").append(tcp.flags());
        }
        optional(out, "seq", tcp.sequence(), 0);
        optional(out, "ack", tcp.acknowledgment(), 0);
        optional(out, "win", tcp.window(), TcpSegment.DEFAULT_WINDOW);
        optional(out, "urg", tcp.urgentPointer(), 0);
        if (!tcp.options().isEmpty()) {
            out.append(" opts ").append(tcp.options());
        }
    }

    private static void icmpFields(StringBuilder out, IcmpMessage icmp) {
        if (icmp instanceof IcmpQuery query) {
            optional(out, "id", query.identifier(), 0);
            optional(out, "seq", query.sequence(), 0);
            return;
        }
        long rest = icmp.restOfHeader();
        if (rest == 0) {
            return;
        }
        List<String> fields = icmp instanceof IcmpError
                ? PacketTextParser.restFields(icmp.type(), icmp.code()) : List.of("rest");
        if (fields.contains("gateway")) {
            out.append(" gateway ").append(Ipv4Address.of((int) rest));
        } else if (fields.contains("mtu") && rest <= 0xffff) {
            out.append(" mtu ").append(rest);
        } else if (fields.contains("pointer") && (rest & 0xff_ffff) == 0) {
            out.append(" pointer ").append(rest >>> 24);
        } else {
            out.append(" rest ").append(PacketTextValues.hex(rest));
        }
    }

    private static void ipFields(StringBuilder out, Ipv4Header ip) {
        optional(out, "ttl", ip.ttl(), Ipv4Header.DEFAULT_TTL);
        if (ip.tos() != 0) {
            out.append(" tos ").append(PacketTextValues.hex(ip.tos()));
        }
        optional(out, "ipid", ip.identification(), 0);
        if (ip.dontFragment()) {
            out.append(" df");
        }
        if (ip.moreFragments()) {
            out.append(" mf");
        }
        optional(out, "frag", ip.fragmentOffset(), 0);
        if (!ip.options().isEmpty()) {
            out.append(" ipopts ").append(ip.options().toHex());
        }
    }

    private static Payload payloadOf(Transport transport) {
        if (transport instanceof PortTransport ports) {
            return ports.payload();
        }
        if (transport instanceof IcmpQuery query) {
            return query.payload();
        }
        if (transport instanceof IcmpOther other) {
            return other.payload();
        }
        return ((RawTransport) transport).payload();
    }

    private static void payload(StringBuilder out, Payload payload) {
        if (payload.hasBytes()) {
            out.append(" data ").append(PacketTextValues.quote(payload.bytes()));
        } else if (payload.length() > 0) {
            out.append(" len ").append(payload.length());
        }
    }

    /**
     * A complete quote of a TCP, UDP or ICMP datagram is written as that packet, if its bytes read back
     * exactly; any other quote as raw bytes with the original's total length.
     */
    private static void quote(StringBuilder out, QuotedDatagram quote) {
        Ipv4Header ip = quote.header();
        if (quote.isComplete() && !ip.isFragment() && RawTransport.isParsedProtocol(ip.protocol())) {
            byte[] bytes = quote.data().toArray();
            try {
                Transport transport = TransportCodec.read(bytes, 0, bytes.length, ip, ChecksumPolicy.VERIFY);
                if (Arrays.equals(TransportCodec.encode(ip, transport), bytes)) {
                    append(out, ip, transport, true);
                    return;
                }
            } catch (MalformedPacketException e) {
                // not a well-formed datagram: written as raw bytes below
            }
        }
        append(out, ip, new RawTransport(ip.protocol(), Payload.of(quote.data())), true);
    }

    private static void optional(StringBuilder out, String field, long value, long defaultValue) {
        if (value != defaultValue) {
            out.append(' ').append(field).append(' ').append(value);
        }
    }
}
