package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpSegment;
import io.nflab.socket.LabWire;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketSettings;
import io.nflab.socket.SocketTable;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConnectClient} and {@link UdpClient} against what OpenBSD nc printed in the same situations
 * (nc.fixture): a client 10.0.0.1, a server 10.0.1.2 with a TCP listener on 8080 and UDP echo on 7, and
 * a router 10.0.0.254 that drops or rejects as the scenario's setup did.
 */
class NcFixtureTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final Map<String, ToolFixture> FIXTURES = ToolFixture.load("nc.fixture");
    private static final Ipv4Address SERVER = Ipv4Address.parse("10.0.1.2");
    private static final Bytes HELLO = Bytes.ofLatin1("hello\n");
    private static final Consumer<LabWire> NOTHING = wire -> { };
    private static final Consumer<LabWire> DROP_ALL = wire -> wire.drop(packet -> true);

    private LabWire wire;
    private SocketTable client;

    private void lab(SocketSettings clientSettings, Consumer<LabWire> router) {
        wire = new LabWire(MS);
        client = wire.host("10.0.0.1", clientSettings);
        SocketTable server = wire.host("10.0.1.2", 2);
        server.listen(Ipv4Address.ANY, 8080, "server", (connection, now) -> new io.nflab.socket.TcpHandler() { });
        EchoService.udp(server, Ipv4Address.ANY, 7);
        router.accept(wire);
    }

    /** The router answers the client's packets that {@code which} picks with an ICMP destination unreachable. */
    private static Consumer<LabWire> unreachable(Predicate<Ipv4Packet> which, int code) {
        return wire -> wire.intercept(packet -> which.test(packet) && packet.source().toString().equals("10.0.0.1")
                ? Optional.of(Optional.of(LabWire.icmpError("10.0.0.254", packet, IcmpType.DESTINATION_UNREACHABLE, code)))
                : Optional.empty());
    }

    private static Consumer<LabWire> tcpUnreachable(int code) {
        return unreachable(packet -> packet.transport() instanceof TcpSegment, code);
    }

    private void assertPrints(String scenario, Program program) {
        ToolFixture fixture = FIXTURES.get(scenario);
        wire.runFor(300 * S);
        ToolOutput output = program.output();
        assertEquals(fixture.stdout(), output.stdout(), scenario);
        assertEquals(fixture.stderr(), output.stderr(), scenario);
        assertEquals(fixture.exitCode(), output.exitCode(), scenario);
    }

    static Stream<Arguments> connections() {
        SocketSettings linux = SocketSettings.LINUX.withSeed(1);
        return Stream.of(
                Arguments.of("tcp-succeeded", linux, NOTHING, SERVER, 8080, Outcome.ESTABLISHED),
                Arguments.of("tcp-refused", linux, NOTHING, SERVER, 9999, Outcome.REFUSED),
                Arguments.of("tcp-timed-out", linux.withSynRetries(1), DROP_ALL, SERVER, 8080, Outcome.TIMED_OUT),
                Arguments.of("tcp-host-unreachable", linux, tcpUnreachable(IcmpCode.HOST_UNREACHABLE), SERVER, 8080,
                        Outcome.UNREACHABLE),
                Arguments.of("tcp-net-unreachable", linux, tcpUnreachable(IcmpCode.NETWORK_UNREACHABLE), SERVER, 8080,
                        Outcome.UNREACHABLE),
                Arguments.of("tcp-no-route", linux, NOTHING, Ipv4Address.parse("192.0.2.1"), 80, Outcome.UNREACHABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void connect(String scenario, SocketSettings settings, Consumer<LabWire> router, Ipv4Address destination, int port,
                 Outcome outcome) {
        lab(settings, router);
        ConnectClient connect = ConnectClient.start(client, destination, port, 0);
        assertPrints(scenario, connect);
        assertEquals(outcome, connect.outcome());
    }

    static Stream<Arguments> datagrams() {
        return Stream.of(
                Arguments.of("udp-echo", 7, Outcome.ESTABLISHED),
                Arguments.of("udp-refused", 9, Outcome.REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagrams")
    void udp(String scenario, int port, Outcome outcome) {
        lab(SocketSettings.LINUX.withSeed(1), NOTHING);
        UdpClient nc = UdpClient.start(client, SERVER, port, HELLO, S, 0);
        assertPrints(scenario, nc);
        assertEquals(outcome, nc.outcome());
    }

    /** Cases nc prints nothing for (exit 0) while the outcome tells what happened. */
    static Stream<Arguments> quietDatagrams() {
        return Stream.of(
                Arguments.of("silence", DROP_ALL, Outcome.TIMED_OUT),
                Arguments.of("host unreachable", unreachable(packet -> true, IcmpCode.HOST_UNREACHABLE),
                        Outcome.UNREACHABLE));
    }

    @ParameterizedTest(name = "udp {0}")
    @MethodSource("quietDatagrams")
    void udpPrintsNothingButTellsTheOutcome(String name, Consumer<LabWire> router, Outcome outcome) {
        lab(SocketSettings.LINUX.withSeed(1), router);
        UdpClient nc = UdpClient.start(client, SERVER, 7, HELLO, S, 0);
        wire.runFor(5 * S);
        assertEquals(outcome, nc.outcome());
        assertEquals(new ToolOutput("", "", 0), nc.output());
    }
}
