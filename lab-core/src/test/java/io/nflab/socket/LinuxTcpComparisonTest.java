package io.nflab.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpOption;
import io.nflab.packet.TcpSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * nflab's TCP against the packets Linux 6 exchanged for the same conversation (captured by
 * capture-socket-fixtures.py): a client connects, sends an HTTP request, reads the answer until the
 * server closes, and closes; a refused connection. Values Linux draws at random (ports, initial
 * sequence numbers, timestamps, IP ids) are compared as patterns: sequence numbers relative to each
 * side's ISN, IP ids relative to each side's first.
 */
class LinuxTcpComparisonTest {
    private static final long MS = 1_000_000L;
    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: b\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";

    @Test
    void anHttpExchangeLooksLikeLinuxOnTheWire() {
        LabWire wire = new LabWire(MS);
        SocketTable client = wire.host("10.0.0.1", 11);
        SocketTable server = wire.host("10.0.1.2", 12);
        server.listen(Ipv4Address.ANY, 8080, "server", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.send(Bytes.ofLatin1(RESPONSE), at);
                server.schedule(at + MS, later -> c.close(later));
            }
        });
        client.connect(Ipv4Address.parse("10.0.1.2"), 8080, "client", new TcpHandler() {
            @Override
            public void connected(TcpConnection c, long now) {
                c.send(Bytes.ofLatin1(REQUEST), now);
            }

            @Override
            public void peerClosed(TcpConnection c, long now) {
                c.close(now);
            }
        }, 0);
        wire.runFor(1_000 * MS);

        List<LinuxCapture.Packet> ours = new ArrayList<>();
        for (Ipv4Packet packet : wire.packets()) {
            ours.add(new LinuxCapture.Packet(packet.source().toString().equals("10.0.0.1"), packet));
        }
        assertEquals(describe(LinuxCapture.load("wire-tcp-exchange.hex").packets()), describe(ours));
    }

    @Test
    void aRefusedConnectionLooksLikeLinuxOnTheWire() {
        LabWire wire = new LabWire(MS);
        SocketTable client = wire.host("10.0.0.1", 11);
        wire.host("10.0.1.2", 12);
        client.connect(Ipv4Address.parse("10.0.1.2"), 9999, "client", new TcpHandler() { }, 0);
        wire.runFor(1_000 * MS);
        List<LinuxCapture.Packet> ours = wire.packets().stream()
                .map(p -> new LinuxCapture.Packet(p.source().toString().equals("10.0.0.1"), p)).toList();
        assertEquals(describe(LinuxCapture.load("wire-tcp-refused.hex").packets()), describe(ours));
    }

    /** One line per packet with everything but the random values; incoming TTLs are compared as sent (+1 hop in the capture). */
    private static String describe(List<LinuxCapture.Packet> packets) {
        long[] isn = {-1, -1};
        int[] firstId = {-1, -1};
        List<String> lines = new ArrayList<>();
        for (LinuxCapture.Packet captured : packets) {
            Ipv4Packet packet = captured.packet();
            TcpSegment tcp = (TcpSegment) packet.transport();
            int side = captured.outgoing() ? 0 : 1;
            if (tcp.flags().has(io.nflab.packet.TcpFlag.SYN)) {
                isn[side] = tcp.sequence();
            }
            int id = packet.header().identification();
            String idText = id == 0 ? "id0" : "id+" + (firstId[side] < 0 ? 0 : id - firstId[side]);
            if (id != 0 && firstId[side] < 0) {
                firstId[side] = id;
            }
            long relativeSeq = isn[side] < 0 ? tcp.sequence() : (tcp.sequence() - isn[side]) & 0xffffffffL;
            long relativeAck = isn[1 - side] < 0 || !tcp.flags().has(io.nflab.packet.TcpFlag.ACK) ? tcp.acknowledgment()
                    : (tcp.acknowledgment() - isn[1 - side]) & 0xffffffffL;
            int ttl = captured.outgoing() || packet.ttl() == 64 ? packet.ttl() : packet.ttl() + 1;
            lines.add((captured.outgoing() ? "out " : "in  ") + tcp.flags() + " seq " + relativeSeq + " ack " + relativeAck
                    + " win " + tcp.window() + " opts " + options(tcp) + " len " + tcp.payload().length()
                    + " ttl " + ttl + (packet.header().dontFragment() ? " df " : " ") + idText);
        }
        return String.join("\n", lines);
    }

    private static String options(TcpSegment tcp) {
        return tcp.options().list().stream().map(option -> option instanceof TcpOption.Timestamps ts
                ? "ts" + (ts.echoReply() == 0 ? ":0" : "") : option.text()).collect(Collectors.joining(","));
    }
}
