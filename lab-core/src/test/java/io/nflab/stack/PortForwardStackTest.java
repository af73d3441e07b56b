package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.lab.LabTesting;
import io.nflab.lab.LocalLab;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The port-forward lab (topologies/port-forward) on three net stacks, in a {@link LocalLab}. */
class PortForwardStackTest {
    private static final Path TOPOLOGY = Path.of("../topologies/port-forward/topology.yaml");

    private final LocalLab lab = LocalLab.start(TopologyLoader.load(TOPOLOGY));

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void synToThePublicPortArrivesAtWebTranslated() {
        Activity sent = lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64"));

        Ipv4Packet syn = LabTesting.arrivedAt(sent, "web", "eth0").get(0);
        assertEquals("192.168.1.2", syn.destination().toString());
        assertEquals("203.0.113.10", syn.source().toString());
        assertEquals(8080, ((TcpSegment) syn.transport()).destinationPort());
        assertEquals(63, syn.ttl());
        assertTrue(LabTesting.endsOn(sent, "web").stream().anyMatch(f -> f instanceof Fate.Delivered d
                && d.iface().equals("eth0") && d.packet().equals(syn)));

        String nat = LabTesting.run(lab, "gw", "", "iptables", "-t", "nat", "-L", "PREROUTING", "-v", "-n");
        assertTrue(nat.contains("    1    40 DNAT       6    --  eth0   *       0.0.0.0/0            0.0.0.0/0"
                + "            tcp dpt:80 to:192.168.1.2:8080"), nat);

        // web's SYN/ACK comes back de-translated; the client has no socket and resets
        Ipv4Packet synAck = LabTesting.arrivedAt(sent, "client", "eth0").get(0);
        assertEquals("203.0.113.1", synAck.source().toString());
        assertEquals(80, ((TcpSegment) synAck.transport()).sourcePort());
        String conntrack = LabTesting.run(lab, "gw", "", "conntrack", "-L");
        assertTrue(conntrack.contains("src=203.0.113.10 dst=203.0.113.1 sport=40000 dport=80 "
                + "src=192.168.1.2 dst=203.0.113.10 sport=8080 dport=40000"), conntrack);
    }

    @Test
    void sshToTheLanIsDroppedByTheForwardPolicy() {
        Activity sent = lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S"));

        Fate.Dropped dropped = LabTesting.endsOn(sent, "gw").stream().filter(f -> f instanceof Fate.Dropped)
                .map(f -> (Fate.Dropped) f).findFirst().orElseThrow();
        Place place = dropped.place().orElseThrow();
        assertEquals(Hook.FORWARD, place.hook());
        assertEquals(TableKind.FILTER, place.table());
        assertEquals("FORWARD", place.chain());
        assertEquals(Place.Step.POLICY, place.step());
        assertEquals("policy", dropped.ruleOrPolicy());
        assertTrue(LabTesting.arrivedAt(sent, "web", "eth0").isEmpty());
    }

    @Test
    void nodesWithoutConntrackRulesTrackNothing() {
        lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));

        Activity web = lab.command("web", List.of("conntrack", "-L"), "");
        assertEquals("", web.stdout());
        assertTrue(web.stderr().contains("0 flow entries have been shown."), web.stderr());
    }
}
