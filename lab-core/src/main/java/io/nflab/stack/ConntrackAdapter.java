package io.nflab.stack;

import io.nflab.conntrack.ConntrackPacket;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.TcpSegment;

/** Turns a packet of the packet model into what connection tracking reads ({@link ConntrackPacket}). */
final class ConntrackAdapter {
    private static final int ICMP = 1;

    private ConntrackAdapter() {
    }

    static ConntrackPacket of(Ipv4Packet ip, int zone) {
        int src = ip.source().bits();
        int dst = ip.destination().bits();
        int length = ip.totalLength();
        int protocol = ip.protocol().number();
        ConntrackPacket packet;
        if (ip.isFragment()) {
            packet = ConntrackPacket.addressesOnly(protocol, src, dst, length);
        } else if (ip.transport() instanceof TcpSegment tcp) {
            packet = ConntrackPacket.tcp(src, dst, tcp.sourcePort(), tcp.destinationPort(), tcp.flags().bits(),
                    tcp.payload().length(), length);
        } else if (ip.transport() instanceof PortTransport ports) {
            packet = ConntrackPacket.ports(protocol, src, dst, ports.sourcePort(), ports.destinationPort(), length);
        } else if (ip.transport() instanceof IcmpQuery query) {
            packet = ConntrackPacket.icmp(src, dst, query.type().number(), query.code(), query.identifier(), length);
        } else if (ip.transport() instanceof IcmpError error) {
            packet = ConntrackPacket.icmpError(src, dst, error.type().number(), error.code(), quoted(error.quote()),
                    length);
        } else {
            packet = ConntrackPacket.addressesOnly(protocol, src, dst, length);
        }
        return zone == 0 ? packet : packet.inZone(zone);
    }

    /** The tuple of the datagram an ICMP error quotes (ports, or for ICMP the id and {@code type << 8 | code}). */
    private static ConntrackTuple quoted(QuotedDatagram quote) {
        int protocol = quote.header().protocol().number();
        int src = quote.header().source().bits();
        int dst = quote.header().destination().bits();
        if (quote.hasPorts()) {
            return ConntrackTuple.of(protocol, src, dst, quote.sourcePort(), quote.destinationPort());
        }
        Bytes data = quote.data();
        if (protocol == ICMP && data.length() >= 8) {
            return ConntrackTuple.of(protocol, src, dst, data.getUnsignedShort(4), data.get(0) << 8 | data.get(1));
        }
        return ConntrackTuple.of(protocol, src, dst, 0, 0);
    }
}
