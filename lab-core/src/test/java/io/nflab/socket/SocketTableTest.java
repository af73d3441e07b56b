package io.nflab.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.Payload;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stack's view of a socket table: what deliver, lookup and poll say, UDP and ICMP sockets. */
class SocketTableTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final Ipv4Address SELF = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address PEER = Ipv4Address.parse("10.0.1.2");

    private final SocketTable table = new SocketTable(SocketSettings.LINUX.withSeed(3),
            destination -> destination.toString().startsWith("10.") ? Route.via(SELF) : Route.unreachable(Errno.ENETUNREACH));

    private static final class Inbox implements UdpHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void received(UdpSocket socket, Ipv4Packet packet, UdpDatagram datagram, long now) {
            events.add("from " + packet.source() + ":" + datagram.sourcePort() + " " + datagram.payload());
        }

        @Override
        public void error(UdpSocket socket, SocketError error, long now) {
            events.add(error.errno() + " from " + error.offender());
        }
    }

    @Test
    void packetsNoSocketWantsAreLeftToTheStack() {
        Ipv4Packet syn = PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags S");
        Ipv4Packet datagram = PacketText.parse("udp 10.0.1.2:40000 > 10.0.0.1:53 len 10");
        Ipv4Packet reply = PacketText.parse("icmp 10.0.1.2 > 10.0.0.1 echo-reply id 7 seq 1");
        assertSame(Delivery.NO_SOCKET, table.deliver(syn, 0));
        assertSame(Delivery.NO_SOCKET, table.deliver(datagram, 0));
        assertSame(Delivery.NO_SOCKET, table.deliver(reply, 0));
        assertEquals(Optional.empty(), table.lookup(syn));
        assertTrue(table.poll(0).packets().isEmpty(), "the table itself answers nothing");
        assertFalse(table.poll(0).hasDeadline());
    }

    @Test
    void theStacksResetForAClosedPortIsLinuxs() {
        assertEquals("tcp 10.0.0.1:80 > 10.0.1.2:40000 flags RA ack 1001 win 0 df",
                TcpReset.replyTo(PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags S seq 1000"), 64).orElseThrow()
                        .toString());
        assertEquals("tcp 10.0.0.1:80 > 10.0.1.2:40000 flags R seq 77 win 0 df",
                TcpReset.replyTo(PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags A seq 5 ack 77"), 64).orElseThrow()
                        .toString());
        assertEquals("tcp 10.0.0.1:80 > 10.0.1.2:40000 flags RA ack 15 win 0 df",
                TcpReset.replyTo(PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags F seq 5 len 9"), 64).orElseThrow()
                        .toString());
        assertEquals(Optional.empty(), TcpReset.replyTo(PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags R"), 64));
    }

    @Test
    void aListenerTakesSynsAndNamesItselfInTheDelivery() {
        table.listen(Ipv4Address.ANY, 80, "http", (c, now) -> new TcpHandler() { });
        Ipv4Packet syn = PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags S seq 1000 opts mss=1460,sackok,ts=5:0,nop,wscale=7");
        Delivery delivery = table.deliver(syn, 0);
        assertTrue(delivery.matched());
        assertEquals("tcp *:80 *:* http", delivery.socket().toString());
        Transmission transmission = table.poll(0);
        assertEquals(1, transmission.packets().size());
        TcpSegment synAck = (TcpSegment) transmission.packets().get(0).transport();
        assertEquals("SA", synAck.flags().toString());
        assertEquals(1001, synAck.acknowledgment());
        assertEquals(S, transmission.nextDeadline(), "the SYN-ACK is retransmitted after 1 s");
        assertEquals("tcp 10.0.0.1:80 10.0.1.2:40000 http", table.lookup(syn).orElseThrow().toString(),
                "the half-open connection now takes the peer's segments");
    }

    @Test
    void synAcksAreRetransmittedThenTheHalfOpenConnectionIsDropped() {
        table.listen(Ipv4Address.ANY, 80, "http", (c, now) -> new TcpHandler() { });
        table.deliver(PacketText.parse("tcp 10.0.1.2:40000 > 10.0.0.1:80 flags S seq 1000"), 0);
        List<Long> times = new ArrayList<>();
        long now = 0;
        while (true) {
            Transmission transmission = table.poll(now);
            for (Ipv4Packet ignored : transmission.packets()) {
                times.add(now / S);
            }
            if (!transmission.hasDeadline()) {
                break;
            }
            now = transmission.nextDeadline();
        }
        assertEquals(List.of(0L, 1L, 3L, 7L, 15L, 31L), times, "the SYN-ACK and its 5 retransmissions");
        assertTrue(table.connections().isEmpty());
    }

    @Test
    void aNewSynEndsTimeWait() {
        LabWire wire = new LabWire(MS);
        SocketTable client = wire.host("10.0.0.1", 1);
        SocketTable server = wire.host("10.0.1.2", 2);
        server.listen(Ipv4Address.ANY, 80, "http", (c, now) -> {
            c.close(now);
            return new TcpHandler() { };
        });
        TcpConnection first = client.connect(PEER, 80, "connect", new TcpHandler() {
            @Override
            public void peerClosed(TcpConnection c, long now) {
                c.close(now);
            }
        }, 0);
        wire.runFor(S);
        TcpConnection timeWait = server.connections().get(0);
        assertEquals(TcpState.TIME_WAIT, timeWait.state());
        assertEquals(TcpState.CLOSED, first.state());
        wire.inject(Ipv4Packet.builder().source(SELF).destination(PEER).transport(TcpSegment.builder()
                .sourcePort(first.localPort()).destinationPort(80).sequence(123456789).flags(io.nflab.packet.TcpFlags.SYN)
                .build()).build());
        wire.runFor(3 * MS / 2);
        assertEquals(TcpState.SYN_RECV, server.connections().get(0).state(), "the old TIME_WAIT made way");
        wire.runFor(10 * MS);
        assertTrue(server.connections().isEmpty(), "the client's stack reset the SYN-ACK it had no socket for");
    }

    @Test
    void udpDeliversToTheBestMatchingSocket() {
        Inbox any = new Inbox();
        Inbox bound = new Inbox();
        Inbox connected = new Inbox();
        table.bindUdp(Ipv4Address.ANY, 53, "any", any);
        table.bindUdp(SELF, 54, "bound", bound);
        UdpSocket socket = table.bindUdp(Ipv4Address.ANY, 55, "connected", connected);
        socket.connect(PEER, 4000);
        table.deliver(PacketText.parse("udp 10.0.1.2:1 > 10.0.0.1:53 data \"a\""), 0);
        table.deliver(PacketText.parse("udp 10.0.1.2:1 > 10.0.0.1:54 data \"b\""), 0);
        assertSame(Delivery.NO_SOCKET, table.deliver(PacketText.parse("udp 10.0.1.2:1 > 10.0.0.2:54 data \"c\""), 0),
                "a socket bound to 10.0.0.1 does not take what is for 10.0.0.2");
        assertSame(Delivery.NO_SOCKET, table.deliver(PacketText.parse("udp 10.0.1.3:4000 > 10.0.0.1:55 data \"d\""), 0),
                "a connected socket takes only its peer's datagrams");
        table.deliver(PacketText.parse("udp 10.0.1.2:4000 > 10.0.0.1:55 data \"e\""), 0);
        assertEquals(List.of("from 10.0.1.2:1 data 61"), any.events);
        assertEquals(List.of("from 10.0.1.2:1 data 62"), bound.events);
        assertEquals(List.of("from 10.0.1.2:4000 data 65"), connected.events);
        SocketException e = assertThrows(SocketException.class, () -> table.bindUdp(SELF, 53, "again", new Inbox()));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    @Test
    void portUnreachableIsConnectionRefusedOnlyForConnectedSockets() {
        Inbox connectedInbox = new Inbox();
        Inbox unconnectedInbox = new Inbox();
        UdpSocket connected = table.openUdp("nc", connectedInbox);
        connected.connect(PEER, 9);
        connected.send(Bytes.ofLatin1("x"), 0);
        UdpSocket unconnected = table.openUdp("dig", unconnectedInbox);
        unconnected.sendTo(PEER, 9, Bytes.ofLatin1("y"), 0);
        List<Ipv4Packet> sent = table.poll(0).packets();
        assertEquals(2, sent.size());
        for (Ipv4Packet packet : sent) {
            Ipv4Packet error = LabWire.icmpError("10.0.1.2", packet, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE);
            assertTrue(table.deliver(error, 0).matched());
        }
        assertEquals(List.of("ECONNREFUSED from 10.0.1.2"), connectedInbox.events);
        assertEquals(List.of(), unconnectedInbox.events, "without IP_RECVERR an unconnected socket hears nothing");

        unconnected.setReceiveErrors(true);
        unconnected.sendTo(PEER, 9, Bytes.ofLatin1("z"), 0);
        Ipv4Packet again = table.poll(0).packets().get(0);
        table.deliver(LabWire.icmpError("10.0.0.254", again, IcmpType.TIME_EXCEEDED, 0), 0);
        assertEquals(List.of("EHOSTUNREACH from 10.0.0.254"), unconnectedInbox.events);
    }

    @Test
    void udpSendsWithDfFromAnEphemeralPortAndFailsWithoutRoute() {
        UdpSocket socket = table.openUdp("nc", new Inbox());
        socket.sendTo(PEER, 7, Bytes.ofLatin1("hi"), 0);
        Ipv4Packet packet = table.poll(0).packets().get(0);
        assertTrue(packet.header().dontFragment());
        int port = ((UdpDatagram) packet.transport()).sourcePort();
        assertTrue(port >= 32768 && port <= 60999);
        assertEquals(port, socket.localPort());
        SocketException e = assertThrows(SocketException.class,
                () -> socket.sendTo(Ipv4Address.parse("192.0.2.1"), 7, Bytes.ofLatin1("hi"), 0));
        assertEquals("sendto: Network is unreachable", e.getMessage());
    }

    @Test
    void pingSocketsTakeRepliesAndErrorsWithTheirIdentifier() {
        List<String> events = new ArrayList<>();
        PingSocket socket = table.openPing("ping", new PingHandler() {
            @Override
            public void reply(PingSocket s, Ipv4Packet packet, IcmpQuery reply, long now) {
                events.add("reply " + reply.sequence() + " ttl " + packet.ttl());
            }

            @Override
            public void error(PingSocket s, SocketError error, long now) {
                events.add(error.errno() + " " + error.type() + "/" + error.code());
            }
        });
        socket.setTtl(1);
        socket.send(PEER, 1, Payload.ofLength(56), 0);
        Ipv4Packet request = table.poll(0).packets().get(0);
        assertEquals(1, request.ttl());
        assertTrue(request.header().dontFragment());
        int id = socket.identifier();
        table.deliver(Ipv4Packet.builder().source(PEER).destination(SELF).ttl(63)
                .transport(IcmpQuery.echoReply(id, 1, Payload.ofLength(56))).build(), 0);
        assertSame(Delivery.NO_SOCKET, table.deliver(Ipv4Packet.builder().source(PEER).destination(SELF)
                .transport(IcmpQuery.echoReply(id ^ 1, 1, Payload.ofLength(56))).build(), 0));
        table.deliver(LabWire.icmpError("10.0.0.254", request, IcmpType.TIME_EXCEEDED, 0), 0);
        assertEquals(List.of("reply 1 ttl 63", "EHOSTUNREACH 11/0"), events);
    }

    @Test
    void timersFireInDeadlineOrderAtTheirDeadlines() {
        List<Long> fired = new ArrayList<>();
        table.schedule(3 * S, fired::add);
        table.schedule(S, fired::add);
        Timer cancelled = table.schedule(2 * S, fired::add);
        cancelled.cancel();
        assertEquals(S, table.poll(0).nextDeadline());
        assertEquals(3 * S, table.poll(5 * S / 2).nextDeadline());
        assertFalse(table.poll(10 * S).hasDeadline());
        assertEquals(List.of(S, 3 * S), fired);
    }
}
