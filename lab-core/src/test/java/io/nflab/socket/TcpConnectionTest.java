package io.nflab.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TcpConnectionTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");

    private final LabWire wire = new LabWire(MS);
    private final SocketTable client = wire.host("10.0.0.1", 1);
    private final SocketTable server = wire.host("10.0.1.2", 2);

    /** Records what a connection's handler saw. */
    private static final class Recorder implements TcpHandler {
        final List<String> events = new ArrayList<>();
        final StringBuilder data = new StringBuilder();
        boolean closeOnEof = true;
        Bytes request;

        @Override
        public void connected(TcpConnection connection, long now) {
            events.add("connected");
            if (request != null) {
                connection.send(request, now);
            }
        }

        @Override
        public void received(TcpConnection connection, Bytes bytes, long now) {
            events.add("data " + bytes.length());
            data.append(new String(bytes.toArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }

        @Override
        public void peerClosed(TcpConnection connection, long now) {
            events.add("eof");
            if (closeOnEof) {
                connection.close(now);
            }
        }

        @Override
        public void closed(TcpConnection connection, long now) {
            events.add("closed " + connection.error().map(Enum::name).orElse("ok"));
        }
    }

    /** A server that answers any data with a fixed response and closes. */
    private TcpListener answeringServer(String response) {
        return server.listen(Ipv4Address.ANY, 8080, "test", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.send(Bytes.ofLatin1(response), at);
                c.close(at);
            }

            @Override
            public void peerClosed(TcpConnection c, long at) {
                c.close(at);
            }
        });
    }

    private static String flags(List<Ipv4Packet> packets) {
        return packets.stream().map(p -> ((TcpSegment) p.transport()).flags().toString()).collect(Collectors.joining(" "));
    }

    private static TcpSegment tcp(Ipv4Packet packet) {
        return (TcpSegment) packet.transport();
    }

    @Test
    void handshakeDataAndServerCloseLeaveTheClosingSideInTimeWait() {
        answeringServer("HTTP/1.1 200 OK\r\n\r\nhi\n");
        Recorder recorder = new Recorder();
        recorder.request = Bytes.ofLatin1("GET / HTTP/1.1\r\n\r\n");
        TcpConnection connection = client.connect(SERVER, 8080, "connect", recorder, 0);
        wire.runFor(S);

        assertEquals("S SA A PA A PA FA A FA A", flags(wire.packets()), "the server answers and closes at once");
        assertEquals(List.of("connected", "data 22", "eof", "closed ok"), recorder.events);
        assertEquals("HTTP/1.1 200 OK\r\n\r\nhi\n", recorder.data.toString());
        assertEquals(Outcome.ESTABLISHED, connection.outcome());
        assertEquals(TcpState.CLOSED, connection.state(), "the client closed second: no TIME_WAIT");
        TcpConnection serverSide = server.connections().get(0);
        assertEquals(TcpState.TIME_WAIT, serverSide.state(), "the server closed first");

        wire.runFor(60 * S);
        assertTrue(server.connections().isEmpty(), "TIME_WAIT ends after 60 s");
    }

    @Test
    void synAndSynAckCarryLinuxOptionsAndWindows() {
        answeringServer("x");
        client.connect(SERVER, 8080, "connect", new Recorder(), 0);
        wire.runFor(10 * MS);
        List<Ipv4Packet> packets = wire.packets();
        TcpSegment syn = tcp(packets.get(0));
        TcpSegment synAck = tcp(packets.get(1));
        TcpSegment ack = tcp(packets.get(2));
        assertTrue(syn.options().toString().matches("mss=1460,sackok,ts=\\d+:0,nop,wscale=7"), syn.options().toString());
        assertEquals(64240, syn.window());
        assertTrue(synAck.options().toString().matches("mss=1460,sackok,ts=\\d+:" + timestamp(syn) + ",nop,wscale=7"),
                synAck.options().toString());
        assertEquals(65160, synAck.window());
        assertEquals(syn.sequence() + 1, synAck.acknowledgment());
        assertEquals(502, ack.window());
        assertTrue(ack.options().toString().matches("nop,nop,ts=\\d+:" + timestamp(synAck)), ack.options().toString());
        assertTrue(packets.get(0).header().dontFragment());
        assertEquals(64, packets.get(0).ttl());
        assertEquals(0, packets.get(1).header().identification(), "a SYN-ACK leaves with IP id 0");
        int port = syn.sourcePort();
        assertTrue(port >= 32768 && port <= 60999 && port % 2 == 0, "connect() takes an even port of the range: " + port);
    }

    private static long timestamp(TcpSegment segment) {
        return LinuxTcpOptions.timestampValue(segment.options());
    }

    @Test
    void aClosedPortRefusesWithRst() {
        Recorder recorder = new Recorder();
        TcpConnection connection = client.connect(SERVER, 9999, "connect", recorder, 0);
        wire.runFor(S);
        assertEquals("S RA", flags(wire.packets()));
        assertEquals(Outcome.REFUSED, connection.outcome());
        assertEquals(Optional.of(Errno.ECONNREFUSED), connection.error());
        assertEquals(List.of("closed ECONNREFUSED"), recorder.events);
        assertTrue(client.connections().isEmpty());
    }

    @Test
    void synsAreRetransmittedOnTheLabClockUntilTheConnectionTimesOut() {
        wire.drop(packet -> true);
        Recorder recorder = new Recorder();
        TcpConnection connection = client.connect(SERVER, 8080, "connect", recorder, 0);
        wire.runFor(126 * S);
        assertEquals(Outcome.PENDING, connection.outcome());
        wire.runFor(2 * S);
        List<Long> times = wire.log().stream().map(sent -> sent.time() / S).toList();
        assertEquals(List.of(0L, 1L, 3L, 7L, 15L, 31L, 63L), times);
        assertEquals(Outcome.TIMED_OUT, connection.outcome());
        assertEquals(Optional.of(Errno.ETIMEDOUT), connection.error());
        assertEquals(List.of("closed ETIMEDOUT"), recorder.events);
        long syn = tcp(wire.packets().get(0)).sequence();
        assertTrue(wire.packets().stream().allMatch(p -> tcp(p).sequence() == syn), "retransmissions repeat the ISN");
    }

    @Test
    void synRetriesFollowTheSysctl() {
        LabWire small = new LabWire(MS);
        SocketTable host = small.host("10.0.0.1", SocketSettings.LINUX.withSynRetries(1));
        small.drop(packet -> true);
        TcpConnection connection = host.connect(SERVER, 80, "connect", new Recorder(), 0);
        small.runFor(2 * S);
        assertEquals(Outcome.PENDING, connection.outcome());
        small.runFor(2 * S);
        assertEquals(Outcome.TIMED_OUT, connection.outcome());
        assertEquals(2, small.packets().size());
    }

    @Test
    void icmpErrorsAboutTheSynEndTheAttemptWithTheirErrno() {
        assertUnreachable(IcmpCode.HOST_UNREACHABLE, Outcome.UNREACHABLE, Errno.EHOSTUNREACH);
        assertUnreachable(IcmpCode.NETWORK_UNREACHABLE, Outcome.UNREACHABLE, Errno.ENETUNREACH);
        assertUnreachable(IcmpCode.HOST_PROHIBITED, Outcome.UNREACHABLE, Errno.EHOSTUNREACH);
        assertUnreachable(IcmpCode.PORT_UNREACHABLE, Outcome.REFUSED, Errno.ECONNREFUSED);
    }

    private void assertUnreachable(int code, Outcome outcome, Errno errno) {
        LabWire net = new LabWire(MS);
        SocketTable host = net.host("10.0.0.1", 7);
        net.intercept(packet -> packet.source().toString().equals("10.0.0.1")
                ? Optional.of(Optional.of(LabWire.icmpError("10.0.0.254", packet, IcmpType.DESTINATION_UNREACHABLE, code)))
                : Optional.empty());
        TcpConnection connection = host.connect(SERVER, 80, "connect", new Recorder(), 0);
        net.runFor(S);
        assertEquals(outcome, connection.outcome(), "code " + code);
        assertEquals(Optional.of(errno), connection.error(), "code " + code);
    }

    @Test
    void timeExceededAboutTheSynIsNoRouteToHost() {
        wire.intercept(packet -> packet.source().toString().equals("10.0.0.1")
                ? Optional.of(Optional.of(LabWire.icmpError("10.0.0.254", packet, IcmpType.TIME_EXCEEDED, 0)))
                : Optional.empty());
        TcpConnection connection = client.connect(SERVER, 80, "connect", new Recorder(), 0);
        wire.runFor(S);
        assertEquals(Optional.of(Errno.EHOSTUNREACH), connection.error());
    }

    @Test
    void noRouteFailsConnectAtOnce() {
        SocketException e = assertThrows(SocketException.class,
                () -> client.connect(Ipv4Address.parse("192.0.2.1"), 80, "connect", new Recorder(), 0));
        assertEquals(Errno.ENETUNREACH, e.errno());
        assertEquals("connect: Network is unreachable", e.getMessage());
    }

    @Test
    void aLostDataSegmentIsRetransmitted() {
        server.listen(Ipv4Address.ANY, 7, "echo", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.send(data, at);
            }
        });
        boolean[] dropped = {false};
        wire.drop(packet -> {
            if (!dropped[0] && packet.transport() instanceof TcpSegment t && t.payload().length() > 0) {
                dropped[0] = true;
                return true;
            }
            return false;
        });
        Recorder recorder = new Recorder();
        recorder.request = Bytes.ofLatin1("ping\n");
        client.connect(SERVER, 7, "connect", recorder, 0);
        wire.runFor(2 * S);
        assertEquals("ping\n", recorder.data.toString());
        long dataSegments = wire.packets().stream().filter(p -> tcp(p).payload().length() > 0).count();
        assertEquals(3, dataSegments, "the request twice, the echo once");
    }

    @Test
    void aResetFromThePeerEndsAnEstablishedConnection() {
        server.listen(Ipv4Address.ANY, 8080, "rude", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.abort(at);
            }
        });
        Recorder recorder = new Recorder();
        recorder.request = Bytes.ofLatin1("hello");
        TcpConnection connection = client.connect(SERVER, 8080, "connect", recorder, 0);
        wire.runFor(S);
        assertEquals("S SA A PA A RA", flags(wire.packets()));
        assertEquals(Outcome.RESET, connection.outcome());
        assertEquals(Optional.of(Errno.ECONNRESET), connection.error());
    }

    @Test
    void aStrayAckToAListenerGetsARst() {
        answeringServer("x");
        wire.inject(Ipv4Packet.builder().source(Ipv4Address.parse("10.0.0.1")).destination(SERVER)
                .transport(TcpSegment.builder().sourcePort(40000).destinationPort(8080).sequence(5).acknowledgment(1234)
                        .flags(io.nflab.packet.TcpFlags.ACK).build()).build());
        wire.runFor(S);
        TcpSegment rst = tcp(wire.packets().get(1));
        assertEquals("R", rst.flags().toString());
        assertEquals(1234, rst.sequence());
    }

    @Test
    void successiveConnectionsGetNewEvenPortsAndSameSeedSameChoices() {
        answeringServer("x");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ports.add(client.connect(SERVER, 8080, "connect", new Recorder(), wire.now()).localPort());
            wire.runFor(S);
        }
        assertEquals(5, ports.stream().distinct().count(), ports.toString());
        assertTrue(ports.stream().allMatch(p -> p % 2 == 0 && p >= 32768 && p <= 60999), ports.toString());

        LabWire again = new LabWire(MS);
        SocketTable twin = again.host("10.0.0.1", 1);
        SocketTable twinServer = again.host("10.0.1.2", 2);
        twinServer.listen(Ipv4Address.ANY, 8080, "test", (c, now) -> new TcpHandler() { });
        List<Integer> twinPorts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            twinPorts.add(twin.connect(SERVER, 8080, "connect", new Recorder(), again.now()).localPort());
            again.runFor(S);
        }
        assertEquals(ports, twinPorts);
        SocketTable other = new LabWire(MS).host("10.0.0.1", 99);
        assertNotEquals(ports.get(0), other.connect(SERVER, 8080, "connect", new Recorder(), 0).localPort());
    }

    @Test
    void bothSidesClosingAtOnceGoThroughClosing() {
        server.listen(Ipv4Address.ANY, 8080, "closer", (connection, now) -> {
            connection.close(now);
            return new TcpHandler() { };
        });
        Recorder recorder = new Recorder();
        recorder.closeOnEof = false;
        TcpConnection connection = client.connect(SERVER, 8080, "connect", new TcpHandler() {
            @Override
            public void connected(TcpConnection c, long now) {
                c.close(now);
            }
        }, 0);
        wire.runFor(S);
        assertEquals(TcpState.TIME_WAIT, connection.state());
        assertEquals(TcpState.TIME_WAIT, server.connections().get(0).state());
        assertFalse(client.connections().isEmpty());
    }

    @Test
    void sendingAfterCloseIsABrokenPipe() {
        answeringServer("x");
        TcpConnection connection = client.connect(SERVER, 8080, "connect", new Recorder(), 0);
        wire.runFor(S / 10);
        connection.close(wire.now());
        SocketException e = assertThrows(SocketException.class, () -> connection.send(Bytes.ofLatin1("late"), wire.now()));
        assertEquals(Errno.EPIPE, e.errno());
    }

    @Test
    void aSecondListenerOnThePortIsAddressInUse() {
        answeringServer("x");
        SocketException e = assertThrows(SocketException.class,
                () -> server.listen(Ipv4Address.ANY, 8080, "again", (c, now) -> new TcpHandler() { }));
        assertEquals(Errno.EADDRINUSE, e.errno());
    }

    @Test
    void largeWritesAreSegmentedAtTheAgreedSizeWithPshOnTheLast() {
        server.listen(Ipv4Address.ANY, 9, "sink", (connection, now) -> new TcpHandler() { });
        Recorder recorder = new Recorder();
        recorder.request = Bytes.of(new byte[4000]);
        client.connect(SERVER, 9, "connect", recorder, 0);
        wire.runFor(S);
        List<TcpSegment> data = wire.packets().stream().map(TcpConnectionTest::tcp).filter(t -> t.payload().length() > 0)
                .toList();
        assertEquals(List.of(1448, 1448, 1104), data.stream().map(t -> t.payload().length()).toList(),
                "MSS 1460 less 12 bytes of timestamps");
        assertEquals(List.of("A", "A", "PA"), data.stream().map(t -> t.flags().toString()).toList());
        assertEquals(data.get(0).sequence() + 1448, data.get(1).sequence());
    }

    @Test
    void theSameSeedAndTheSameEventsGiveTheSamePackets() {
        assertEquals(exchange(), exchange());
    }

    private static List<String> exchange() {
        LabWire net = new LabWire(MS);
        SocketTable a = net.host("10.0.0.1", 5);
        SocketTable b = net.host("10.0.1.2", 6);
        b.listen(Ipv4Address.ANY, 80, "server", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.send(data, at);
                c.close(at);
            }
        });
        Recorder recorder = new Recorder();
        recorder.request = Bytes.ofLatin1("hello");
        a.connect(SERVER, 80, "connect", recorder, 12_345);
        net.runFor(S);
        return net.log().stream().map(sent -> sent.time() + " " + sent.packet() + " ipid " + sent.packet().header().identification())
                .toList();
    }

    @Test
    void aResetEndsTimeWaitWithoutTellingTheApplicationTwice() {
        server.listen(Ipv4Address.ANY, 80, "server", (connection, now) -> new TcpHandler() {
            @Override
            public void peerClosed(TcpConnection c, long at) {
                c.close(at);
            }
        });
        Recorder recorder = new Recorder();
        TcpConnection connection = client.connect(SERVER, 80, "connect", new TcpHandler() {
            @Override
            public void connected(TcpConnection c, long now) {
                c.close(now);
            }

            @Override
            public void closed(TcpConnection c, long now) {
                recorder.closed(c, now);
            }
        }, 0);
        wire.runFor(S);
        assertEquals(TcpState.TIME_WAIT, connection.state(), "the client closed first");
        wire.inject(Ipv4Packet.builder().source(SERVER).destination(Ipv4Address.parse("10.0.0.1"))
                .transport(TcpSegment.builder().sourcePort(80).destinationPort(connection.localPort()).sequence(1)
                        .flags(io.nflab.packet.TcpFlags.RST).build()).build());
        wire.runFor(S);
        assertEquals(TcpState.CLOSED, connection.state());
        assertTrue(client.connections().isEmpty());
        assertEquals(List.of("closed ok"), recorder.events);
    }
}
