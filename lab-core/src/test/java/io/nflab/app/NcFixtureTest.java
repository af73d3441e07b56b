package io.nflab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpType;
import io.nflab.packet.TcpSegment;
import io.nflab.socket.LabWire;
import io.nflab.socket.Outcome;
import io.nflab.socket.SocketSettings;
import io.nflab.socket.SocketTable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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

    private LabWire wire;
    private SocketTable client;

    private void lab(SocketSettings clientSettings) {
        wire = new LabWire(MS);
        client = wire.host("10.0.0.1", clientSettings);
        SocketTable server = wire.host("10.0.1.2", 2);
        server.listen(Ipv4Address.ANY, 8080, "server", (connection, now) -> new io.nflab.socket.TcpHandler() { });
        EchoService.udp(server, Ipv4Address.ANY, 7);
    }

    private void rejectTcpWith(int code) {
        wire.intercept(packet -> packet.transport() instanceof TcpSegment && packet.source().toString().equals("10.0.0.1")
                ? Optional.of(Optional.of(LabWire.icmpError("10.0.0.254", packet, IcmpType.DESTINATION_UNREACHABLE, code)))
                : Optional.empty());
    }

    private void assertPrints(String scenario, Program program) {
        ToolFixture fixture = FIXTURES.get(scenario);
        wire.runFor(300 * S);
        ToolOutput output = program.output();
        assertEquals(fixture.stdout(), output.stdout(), scenario);
        assertEquals(fixture.stderr(), output.stderr(), scenario);
        assertEquals(fixture.exitCode(), output.exitCode(), scenario);
    }

    @Test
    void succeeded() {
        lab(SocketSettings.LINUX.withSeed(1));
        ConnectClient connect = ConnectClient.start(client, SERVER, 8080, 0);
        assertPrints("tcp-succeeded", connect);
        assertEquals(Outcome.ESTABLISHED, connect.outcome());
    }

    @Test
    void refused() {
        lab(SocketSettings.LINUX.withSeed(1));
        ConnectClient connect = ConnectClient.start(client, SERVER, 9999, 0);
        assertPrints("tcp-refused", connect);
        assertEquals(Outcome.REFUSED, connect.outcome());
    }

    @Test
    void timedOut() {
        lab(SocketSettings.LINUX.withSeed(1).withSynRetries(1));
        wire.drop(packet -> true);
        ConnectClient connect = ConnectClient.start(client, SERVER, 8080, 0);
        assertPrints("tcp-timed-out", connect);
        assertEquals(Outcome.TIMED_OUT, connect.outcome());
    }

    @Test
    void hostUnreachable() {
        lab(SocketSettings.LINUX.withSeed(1));
        rejectTcpWith(IcmpCode.HOST_UNREACHABLE);
        ConnectClient connect = ConnectClient.start(client, SERVER, 8080, 0);
        assertPrints("tcp-host-unreachable", connect);
        assertEquals(Outcome.UNREACHABLE, connect.outcome());
    }

    @Test
    void netUnreachable() {
        lab(SocketSettings.LINUX.withSeed(1));
        rejectTcpWith(IcmpCode.NETWORK_UNREACHABLE);
        ConnectClient connect = ConnectClient.start(client, SERVER, 8080, 0);
        assertPrints("tcp-net-unreachable", connect);
        assertEquals(Outcome.UNREACHABLE, connect.outcome());
    }

    @Test
    void noRoute() {
        lab(SocketSettings.LINUX.withSeed(1));
        ConnectClient connect = ConnectClient.start(client, Ipv4Address.parse("192.0.2.1"), 80, 0);
        assertPrints("tcp-no-route", connect);
        assertEquals(Outcome.UNREACHABLE, connect.outcome());
    }

    @Test
    void udpEcho() {
        lab(SocketSettings.LINUX.withSeed(1));
        UdpClient nc = UdpClient.start(client, SERVER, 7, Bytes.ofLatin1("hello\n"), S, 0);
        assertPrints("udp-echo", nc);
        assertEquals(Outcome.ESTABLISHED, nc.outcome());
    }

    @Test
    void udpRefused() {
        lab(SocketSettings.LINUX.withSeed(1));
        UdpClient nc = UdpClient.start(client, SERVER, 9, Bytes.ofLatin1("hello\n"), S, 0);
        assertPrints("udp-refused", nc);
        assertEquals(Outcome.REFUSED, nc.outcome());
    }

    @Test
    void udpSilence() {
        lab(SocketSettings.LINUX.withSeed(1));
        wire.drop(packet -> true);
        UdpClient nc = UdpClient.start(client, SERVER, 7, Bytes.ofLatin1("hello\n"), S, 0);
        wire.runFor(5 * S);
        assertEquals(Outcome.TIMED_OUT, nc.outcome());
        assertEquals(new ToolOutput("", "", 0), nc.output());
    }

    @Test
    void udpHostUnreachableCountsAsUnreachable() {
        lab(SocketSettings.LINUX.withSeed(1));
        wire.intercept(packet -> packet.source().toString().equals("10.0.0.1")
                ? Optional.of(Optional.of(LabWire.icmpError("10.0.0.254", packet, IcmpType.DESTINATION_UNREACHABLE,
                        IcmpCode.HOST_UNREACHABLE)))
                : Optional.empty());
        UdpClient nc = UdpClient.start(client, SERVER, 7, Bytes.ofLatin1("hello\n"), S, 0);
        wire.runFor(5 * S);
        assertEquals(Outcome.UNREACHABLE, nc.outcome());
        assertEquals(new ToolOutput("", "", 0), nc.output());
    }
}
