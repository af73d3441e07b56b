package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The port-forward lab (topologies/port-forward) on three net stacks wired by in-test segments. */
class PortForwardStackTest {
    private static final Path TOPOLOGY = Path.of("../topologies/port-forward/topology.yaml");

    private static Ipv4Packet ipOf(TestLab.Received r) {
        return (Ipv4Packet) r.frame().payload();
    }

    private static List<Ipv4Packet> ipAt(TestLab lab, String node, String iface) {
        return lab.receivedAt(node, iface).stream().filter(r -> r.frame().payload() instanceof Ipv4Packet)
                .map(PortForwardStackTest::ipOf).toList();
    }

    @Test
    void synToThePublicPortArrivesAtWebTranslated() {
        TestLab lab = TestLab.load(TOPOLOGY);
        lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64"));

        Ipv4Packet syn = ipAt(lab, "web", "eth0").get(0);
        assertEquals("192.168.1.2", syn.destination().toString());
        assertEquals("203.0.113.10", syn.source().toString());
        assertEquals(8080, ((TcpSegment) syn.transport()).destinationPort());
        assertEquals(63, syn.ttl());
        assertTrue(lab.fatesAt("web").stream().anyMatch(f -> f instanceof Fate.Delivered d
                && d.iface().equals("eth0") && d.packet().equals(syn)));

        String nat = lab.run("gw", "iptables", "-t", "nat", "-L", "PREROUTING", "-v", "-n");
        assertTrue(nat.contains("    1    40 DNAT       6    --  eth0   *       0.0.0.0/0            0.0.0.0/0"
                + "            tcp dpt:80 to:192.168.1.2:8080"), nat);

        // web's SYN/ACK comes back de-translated; the client has no socket and resets
        Ipv4Packet synAck = ipAt(lab, "client", "eth0").get(0);
        assertEquals("203.0.113.1", synAck.source().toString());
        assertEquals(80, ((TcpSegment) synAck.transport()).sourcePort());
        String conntrack = lab.run("gw", "conntrack", "-L");
        assertTrue(conntrack.contains("src=203.0.113.10 dst=203.0.113.1 sport=40000 dport=80 "
                + "src=192.168.1.2 dst=203.0.113.10 sport=8080 dport=40000"), conntrack);
    }

    @Test
    void sshToTheLanIsDroppedByTheForwardPolicy() {
        TestLab lab = TestLab.load(TOPOLOGY);
        lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S"));

        Fate.Dropped dropped = lab.fatesAt("gw").stream().filter(f -> f instanceof Fate.Dropped)
                .map(f -> (Fate.Dropped) f).findFirst().orElseThrow();
        Place place = dropped.place().orElseThrow();
        assertEquals(Hook.FORWARD, place.hook());
        assertEquals(TableKind.FILTER, place.table());
        assertEquals("FORWARD", place.chain());
        assertEquals(Place.Step.POLICY, place.step());
        assertEquals("policy", dropped.ruleOrPolicy());
        assertTrue(ipAt(lab, "web", "eth0").isEmpty());
    }

    @Test
    void nodesWithoutConntrackRulesTrackNothing() {
        TestLab lab = TestLab.load(TOPOLOGY);
        lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));

        ConsoleResult web = lab.node("web").command(List.of("conntrack", "-L"), "", lab.now);
        assertEquals("", web.stdout());
        assertTrue(web.stderr().contains("0 flow entries have been shown."), web.stderr());
    }
}
