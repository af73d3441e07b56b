package io.nflab.nat;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Header;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.Transport;
import io.nflab.packet.UdpDatagram;

/**
 * The kernel's {@code nf_nat_ipv4_manip_pkt}: one end of a packet — address and, for TCP and UDP, port;
 * for ICMP queries the id — made to look like a target tuple, on a new immutable packet (checksums are
 * the wire encoder's business, except those inside an ICMP error's quote, which the quote carries).
 */
final class PacketRewriter {
    private PacketRewriter() {
    }

    /** The packet with its {@code manip} end taken from {@code target}. */
    static Ipv4Packet manip(Ipv4Packet packet, ConntrackTuple target, ManipType manip) {
        Transport transport = packet.transport();
        Transport rewritten = transport;
        if (target.protocol() == packet.protocol().number()) {
            if (transport instanceof TcpSegment tcp) {
                rewritten = manip == ManipType.SRC ? tcp.withPorts(target.sourcePort(), tcp.destinationPort())
                        : tcp.withPorts(tcp.sourcePort(), target.destinationPort());
            } else if (transport instanceof UdpDatagram udp) {
                rewritten = manip == ManipType.SRC ? udp.withPorts(target.sourcePort(), udp.destinationPort())
                        : udp.withPorts(udp.sourcePort(), target.destinationPort());
            } else if (transport instanceof IcmpQuery query) {
                rewritten = query.withIdentifier(target.icmpId());
            }
        }
        Ipv4Header header = packet.header();
        Ipv4Header moved;
        if (manip == ManipType.SRC) {
            moved = header.source().bits() == target.srcBits() ? header : header.withSource(target.src());
        } else {
            moved = header.destination().bits() == target.dstBits() ? header : header.withDestination(target.dst());
        }
        return moved == header && rewritten == transport ? packet : packet.with(moved, rewritten);
    }

    /** Only the address of the {@code manip} end (the outer header of an ICMP error). */
    static Ipv4Packet manipAddress(Ipv4Packet packet, Ipv4Address address, ManipType manip) {
        return manip == ManipType.SRC ? packet.withSource(address) : packet.withDestination(address);
    }

    /** An ICMP error whose quoted datagram had its {@code manip} end taken from {@code target}. */
    static IcmpError manipQuote(IcmpError error, ConntrackTuple target, ManipType manip) {
        QuotedDatagram quote = error.quote();
        Ipv4Header header = quote.header();
        IpProtocol protocol = header.protocol();
        boolean src = manip == ManipType.SRC;
        Ipv4Address address = src ? target.src() : target.dst();
        QuotedDatagram rewritten;
        if ((protocol.equals(IpProtocol.TCP) || protocol.equals(IpProtocol.UDP)) && quote.hasPorts()) {
            rewritten = src ? quote.rewriteSource(address, target.sourcePort())
                    : quote.rewriteDestination(address, target.destinationPort());
        } else {
            Ipv4Header moved = src ? header.withSource(address) : header.withDestination(address);
            Bytes data = quote.data();
            if (protocol.equals(IpProtocol.ICMP) && header.fragmentOffset() == 0 && data.length() >= 8
                    && target.protocol() == Tuples.ICMP && IcmpQueryTypes.isQuery(data.get(0))) {
                data = withIcmpId(data, target.icmpId());
            }
            rewritten = new QuotedDatagram(moved, data);
        }
        return error.withQuote(rewritten);
    }

    /** A quoted ICMP query with another id, its checksum updated incrementally (RFC 1624), as the kernel does. */
    private static Bytes withIcmpId(Bytes data, int id) {
        byte[] bytes = data.toArray();
        int oldId = data.getUnsignedShort(4);
        int check = data.getUnsignedShort(2);
        int sum = (~check & 0xffff) + (~oldId & 0xffff) + id;
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        int newCheck = ~sum & 0xffff;
        bytes[2] = (byte) (newCheck >>> 8);
        bytes[3] = (byte) newCheck;
        bytes[4] = (byte) (id >>> 8);
        bytes[5] = (byte) id;
        return Bytes.of(bytes);
    }

    /** The ICMP types whose header carries an id NAT may change ({@code icmp_manip_pkt}). */
    private static final class IcmpQueryTypes {
        static boolean isQuery(int type) {
            return type == 0 || type == 8 || type >= 13 && type <= 18;
        }
    }
}
