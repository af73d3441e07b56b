package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.lab.LabTesting;
import io.nflab.lab.LocalLab;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hosts and a router between them: forwarding, TTL, REJECT, closed ports, neighbours that never answer. */
class RouterStackTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String TOPOLOGY = """
            name: router
            segments:
              left: {}
              right: {}
            nodes:
              a:
                kind: host
                interfaces:
                  eth0: { segment: left, address: 10.0.1.2/24 }
                routes: [ "default via 10.0.1.1" ]
              r:
                kind: gateway
                interfaces:
                  eth0: { segment: left, address: 10.0.1.1/24 }
                  eth1: { segment: right, address: 10.0.2.1/24 }
              b:
                kind: host
                interfaces:
                  eth0: { segment: right, address: 10.0.2.2/24 }
                routes: [ "default via 10.0.2.1" ]
            """;

    @TempDir
    Path dir;
    LocalLab lab;

    @BeforeEach
    void load() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        lab = LocalLab.start(TopologyLoader.load(file));
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void pingAcrossTheRouterLosesOneTtlEachWay() {
        Activity ping = lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1 ttl 64"));

        Ipv4Packet request = LabTesting.arrivedAt(ping, "b", "eth0").get(0);
        assertEquals(63, request.ttl());
        Ipv4Packet reply = LabTesting.arrivedAt(ping, "a", "eth0").get(0);
        assertEquals("10.0.2.2", reply.source().toString());
        assertEquals(IcmpType.ECHO_REPLY, ((IcmpQuery) reply.transport()).type());
        assertEquals(7, ((IcmpQuery) reply.transport()).identifier());
        assertEquals(63, reply.ttl());
    }

    @Test
    void ttlOfOneGetsTimeExceededFromTheRouter() {
        Activity ping = lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1 ttl 1"));

        assertTrue(LabTesting.arrivedAt(ping, "b", "eth0").isEmpty());
        Ipv4Packet error = LabTesting.arrivedAt(ping, "a", "eth0").get(0);
        assertEquals("10.0.1.1", error.source().toString());
        assertEquals(IcmpType.TIME_EXCEEDED, ((IcmpError) error.transport()).type());
        assertTrue(LabTesting.endsOn(ping, "r").stream().anyMatch(f -> f instanceof Fate.Dropped d
                && d.reason().equals("ttl exceeded")));
    }

    @Test
    void rejectWithTcpResetAnswersForTheDestination() {
        LabTesting.run(lab, "r", "", "iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "23", "-j", "REJECT",
                "--reject-with", "tcp-reset");
        Activity syn = lab.send("a", PacketText.parse("tcp 10.0.1.2:40000 > 10.0.2.2:23 flags S"));

        assertTrue(LabTesting.arrivedAt(syn, "b", "eth0").isEmpty());
        Ipv4Packet reset = LabTesting.arrivedAt(syn, "a", "eth0").get(0);
        assertEquals("10.0.2.2", reset.source().toString());
        TcpSegment tcp = (TcpSegment) reset.transport();
        assertTrue(tcp.flags().has(TcpFlag.RST));
        assertEquals(23, tcp.sourcePort());
        Fate.Rejected rejected = LabTesting.endsOn(syn, "r").stream().filter(f -> f instanceof Fate.Rejected)
                .map(f -> (Fate.Rejected) f).findFirst().orElseThrow();
        assertEquals(Hook.FORWARD, rejected.place().hook());
        assertEquals(TableKind.FILTER, rejected.place().table());
        assertEquals(1, rejected.place().number());
        assertEquals(reset, rejected.reply().orElseThrow());
    }

    @Test
    void closedPortsAnswerAsTheKernelDoes() {
        List<Ipv4Packet> answers = new ArrayList<>();
        answers.addAll(LabTesting.arrivedAt(lab.send("a", PacketText.parse("tcp 10.0.1.2:40000 > 10.0.2.2:25 flags S")),
                "a", "eth0"));
        answers.addAll(LabTesting.arrivedAt(lab.send("a", PacketText.parse("udp 10.0.1.2:40000 > 10.0.2.2:53")),
                "a", "eth0"));

        assertTrue(((TcpSegment) answers.get(0).transport()).flags().has(TcpFlag.RST));
        IcmpError unreachable = (IcmpError) answers.get(1).transport();
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, unreachable.type());
        assertEquals(IcmpCode.PORT_UNREACHABLE, unreachable.code());
    }

    @Test
    void aNeighbourThatNeverAnswersMakesHostUnreachable() {
        Activity ping = lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.99 echo-request id 7 seq 1"));
        Activity waited = lab.advance(10 * SECOND);

        Ipv4Packet error = LabTesting.arrivedAt(waited, "a", "eth0").get(0);
        assertEquals("10.0.1.1", error.source().toString());
        IcmpError icmp = (IcmpError) error.transport();
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, icmp.type());
        assertEquals(IcmpCode.HOST_UNREACHABLE, icmp.code());
        assertTrue(lab.packet(ping.packets().get(0).id()).orElseThrow().ends().stream()
                .anyMatch(f -> f.node().equals("r") && f instanceof Fate.Dropped d
                        && d.reason().equals("neighbour 10.0.2.99 unreachable")));
    }

    @Test
    void consoleSysctlAndIp() {
        assertEquals("1\n", LabTesting.run(lab, "r", "", "sysctl", "-n", "net.ipv4.ip_forward"));
        assertEquals("net.ipv4.ip_forward = 0\n", LabTesting.run(lab, "r", "", "sysctl", "-w", "net.ipv4.ip_forward=0"));
        Activity ping = lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1"));
        assertTrue(LabTesting.arrivedAt(ping, "b", "eth0").isEmpty());
        assertTrue(LabTesting.run(lab, "r", "", "ip", "route")
                .contains("10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1"));
        Activity unknown = lab.command("r", List.of("sysctl", "net.ipv4.nope"), "");
        assertEquals(1, unknown.exitCode());
        assertEquals("sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n", unknown.stderr());
    }
}
