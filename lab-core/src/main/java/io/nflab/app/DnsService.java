package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.UdpHandler;
import io.nflab.socket.UdpSocket;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An authoritative DNS server for a small table of A records, over UDP and TCP (two-byte length
 * prefix): a standard query for a known name's A record gets it (TTL 300, AA set, RD copied, RA clear);
 * a known name with another type gets NOERROR and no answer; an unknown name NXDOMAIN (no SOA in the
 * authority section); another opcode NOTIMP; not exactly one question FORMERR. Responses and
 * unreadable messages get no answer.
 */
public final class DnsService {
    /** The TTL of the answers. */
    public static final long TTL = 300;

    private DnsService() {
    }

    public static Service udp(SocketTable table, Ipv4Address address, int port, Map<String, Ipv4Address> records) {
        Map<String, Ipv4Address> zone = normalized(records);
        UdpSocket socket = table.bindUdp(address, port, "dns", new UdpHandler() {
            @Override
            public void received(UdpSocket s, Ipv4Packet packet, UdpDatagram datagram, long now) {
                Bytes answer = answer(datagram.payload().bytes(), zone);
                if (answer != null) {
                    DatagramService.answer(s, packet.source(), datagram.sourcePort(), answer, now);
                }
            }
        });
        return new DatagramService(socket);
    }

    public static Service tcp(SocketTable table, Ipv4Address address, int port, Map<String, Ipv4Address> records) {
        Map<String, Ipv4Address> zone = normalized(records);
        return new ListeningService(table.listen(address, port, "dns", (connection, now) -> new TcpHandler() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                buffer.writeBytes(data.toArray());
                byte[] pending = buffer.toByteArray();
                int offset = 0;
                while (pending.length - offset >= 2) {
                    int length = (pending[offset] & 0xff) << 8 | pending[offset + 1] & 0xff;
                    if (pending.length - offset - 2 < length) {
                        break;
                    }
                    Bytes answer = answer(Bytes.of(pending, offset + 2, length), zone);
                    if (answer != null) {
                        byte[] framed = new byte[answer.length() + 2];
                        framed[0] = (byte) (answer.length() >>> 8);
                        framed[1] = (byte) answer.length();
                        answer.copyTo(framed, 2);
                        c.send(Bytes.of(framed), at);
                    }
                    offset += 2 + length;
                }
                buffer.reset();
                buffer.write(pending, offset, pending.length - offset);
            }

            @Override
            public void peerClosed(TcpConnection c, long at) {
                c.close(at);
            }
        }));
    }

    /** The response to a query message, or null when none is due. */
    static Bytes answer(Bytes query, Map<String, Ipv4Address> zone) {
        DnsMessage message;
        try {
            message = DnsMessage.decode(query);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (message.isResponse()) {
            return null;
        }
        int flags = DnsMessage.FLAG_RESPONSE | DnsMessage.FLAG_AUTHORITATIVE | message.opcode() << 11
                | message.flags() & DnsMessage.FLAG_RECURSION_DESIRED;
        if (message.opcode() != 0) {
            return new DnsMessage(message.id(), flags | DnsMessage.RCODE_NOTIMP, message.questions(), List.of()).encode();
        }
        if (message.questions().size() != 1) {
            return new DnsMessage(message.id(), flags | DnsMessage.RCODE_FORMERR, List.of(), List.of()).encode();
        }
        DnsMessage.Question question = message.questions().get(0);
        Ipv4Address address = zone.get(DnsMessage.normalize(question.name()));
        if (address == null) {
            return new DnsMessage(message.id(), flags | DnsMessage.RCODE_NXDOMAIN, message.questions(), List.of()).encode();
        }
        List<DnsMessage.ResourceRecord> answers = question.type() == DnsMessage.TYPE_A && question.qclass() == DnsMessage.CLASS_IN
                ? List.of(DnsMessage.ResourceRecord.a(question.name(), TTL, address))
                : List.of();
        return new DnsMessage(message.id(), flags, message.questions(), answers).encode();
    }

    private static Map<String, Ipv4Address> normalized(Map<String, Ipv4Address> records) {
        Map<String, Ipv4Address> zone = new HashMap<>();
        records.forEach((name, address) -> zone.put(DnsMessage.normalize(name), address));
        return zone;
    }
}
