package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    TestLab lab;

    @BeforeEach
    void load() throws IOException {
        Path file = dir.resolve("topology.yaml");
        Files.writeString(file, TOPOLOGY);
        lab = TestLab.load(file);
    }

    private List<Ipv4Packet> ipAt(String node) {
        return lab.receivedAt(node, "eth0").stream().filter(r -> r.frame().payload() instanceof Ipv4Packet)
                .map(r -> (Ipv4Packet) r.frame().payload()).toList();
    }

    @Test
    void pingAcrossTheRouterLosesOneTtlEachWay() {
        lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1 ttl 64"));

        Ipv4Packet request = ipAt("b").get(0);
        assertEquals(63, request.ttl());
        Ipv4Packet reply = ipAt("a").get(0);
        assertEquals("10.0.2.2", reply.source().toString());
        assertEquals(IcmpType.ECHO_REPLY, ((IcmpQuery) reply.transport()).type());
        assertEquals(7, ((IcmpQuery) reply.transport()).identifier());
        assertEquals(63, reply.ttl());
    }

    @Test
    void ttlOfOneGetsTimeExceededFromTheRouter() {
        lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1 ttl 1"));

        assertTrue(ipAt("b").isEmpty());
        Ipv4Packet error = ipAt("a").get(0);
        assertEquals("10.0.1.1", error.source().toString());
        assertEquals(IcmpType.TIME_EXCEEDED, ((IcmpError) error.transport()).type());
        assertTrue(lab.fatesAt("r").stream().anyMatch(f -> f instanceof Fate.Dropped d
                && d.reason().equals("ttl exceeded")));
    }

    @Test
    void rejectWithTcpResetAnswersForTheDestination() {
        lab.run("r", "iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "23", "-j", "REJECT", "--reject-with",
                "tcp-reset");
        lab.send("a", PacketText.parse("tcp 10.0.1.2:40000 > 10.0.2.2:23 flags S"));

        assertTrue(ipAt("b").isEmpty());
        Ipv4Packet reset = ipAt("a").get(0);
        assertEquals("10.0.2.2", reset.source().toString());
        TcpSegment tcp = (TcpSegment) reset.transport();
        assertTrue(tcp.flags().has(TcpFlag.RST));
        assertEquals(23, tcp.sourcePort());
        Fate.Rejected rejected = lab.fatesAt("r").stream().filter(f -> f instanceof Fate.Rejected)
                .map(f -> (Fate.Rejected) f).findFirst().orElseThrow();
        assertEquals(Hook.FORWARD, rejected.place().hook());
        assertEquals(TableKind.FILTER, rejected.place().table());
        assertEquals(1, rejected.place().number());
        assertEquals(reset, rejected.reply().orElseThrow());
    }

    @Test
    void closedPortsAnswerAsTheKernelDoes() {
        lab.send("a", PacketText.parse("tcp 10.0.1.2:40000 > 10.0.2.2:25 flags S"));
        lab.send("a", PacketText.parse("udp 10.0.1.2:40000 > 10.0.2.2:53"));

        List<Ipv4Packet> answers = ipAt("a");
        assertTrue(((TcpSegment) answers.get(0).transport()).flags().has(TcpFlag.RST));
        IcmpError unreachable = (IcmpError) answers.get(1).transport();
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, unreachable.type());
        assertEquals(IcmpCode.PORT_UNREACHABLE, unreachable.code());
    }

    @Test
    void aNeighbourThatNeverAnswersMakesHostUnreachable() {
        lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.99 echo-request id 7 seq 1"));
        lab.advance(10 * SECOND);

        Ipv4Packet error = ipAt("a").get(0);
        assertEquals("10.0.1.1", error.source().toString());
        IcmpError icmp = (IcmpError) error.transport();
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, icmp.type());
        assertEquals(IcmpCode.HOST_UNREACHABLE, icmp.code());
        assertTrue(lab.fatesAt("r").stream().anyMatch(f -> f instanceof Fate.Dropped d
                && d.reason().equals("neighbour 10.0.2.99 unreachable")));
    }

    @Test
    void consoleSysctlAndIp() {
        assertEquals("1\n", lab.run("r", "sysctl", "-n", "net.ipv4.ip_forward"));
        assertEquals("net.ipv4.ip_forward = 0\n", lab.run("r", "sysctl", "-w", "net.ipv4.ip_forward=0"));
        lab.send("a", PacketText.parse("icmp 10.0.1.2 > 10.0.2.2 echo-request id 7 seq 1"));
        assertTrue(ipAt("b").isEmpty());
        assertTrue(lab.run("r", "ip", "route").contains("10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1"));
        ConsoleResult unknown = lab.node("r").command(List.of("sysctl", "net.ipv4.nope"), "", 0);
        assertEquals(1, unknown.exitCode());
        assertEquals("sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n", unknown.stderr());
    }
}
