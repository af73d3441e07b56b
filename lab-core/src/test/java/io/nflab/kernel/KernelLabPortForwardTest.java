package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.MacAddress;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The port-forward lab in the real kernel: client 203.0.113.10 — gw (DNAT 80 → 192.168.1.2:8080,
 * FORWARD policy DROP) — web 192.168.1.2, which listens on 8080. One lab for the class; the first SYN
 * is sent once before the tests, which read what it caused. Needs root; skipped elsewhere.
 */
class KernelLabPortForwardTest {

    private static final Path TOPOLOGY = Path.of("../topologies/port-forward/topology.yaml");
    private static final String DNAT_RULE =
            "-A PREROUTING -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080";
    private static final Pattern FORWARD_POLICY = Pattern.compile(":FORWARD DROP \\[(\\d+):(\\d+)]");

    private static KernelLab lab;
    private static Observation syn;
    private static String saveAfterSyn;
    private static ProcessResult conntrackAfterSyn;

    @BeforeAll
    static void sendTheFirstSyn() {
        NetnsAvailability.assumeKernelLab();
        lab = KernelLab.start(TopologyLoader.load(TOPOLOGY));
        syn = lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
        saveAfterSyn = lab.iptablesSave("gw");
        conntrackAfterSyn = lab.conntrackList("gw");
    }

    @AfterAll
    static void close() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theSynArrivesAtTheWebServerDnatedWithTtl63() {
        List<Ipv4Packet> arrived = syn.received("web", "eth0").stream().filter(p -> hasFlags(p, TcpFlags.SYN)).toList();

        assertEquals(1, arrived.size(), syn::toString);
        Ipv4Packet expected = PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63");
        assertTrue(PacketNormalizer.equivalent(expected, arrived.get(0)), () -> arrived.get(0) + "\n" + syn);
        assertTrue(syn.failure().isEmpty());
    }

    @Test
    void theFirstPacketWaitsForArpInsteadOfBeingLost() {
        List<CapturedFrame> out = syn.at("client", "eth0").stream().filter(f -> f.direction() == Direction.OUT).toList();

        assertTrue(out.get(0).frame().orElseThrow().payload() instanceof ArpPacket, syn::toString);
        assertEquals(1, syn.sent("client", "eth0").stream().filter(p -> hasFlags(p, TcpFlags.SYN)).count(), syn::toString);
        assertTrue(syn.at("gw", "eth1").get(0).frame().orElseThrow().payload() instanceof ArpPacket,
                "the gateway resolves the web server before forwarding:\n" + syn);
    }

    @Test
    void framesCarryTheLabsFixedMacsAndRightChecksums() {
        EthernetFrame arrived = syn.at("web", "eth0").stream()
                .filter(f -> f.direction() == Direction.IN && f.ipv4().isPresent()).findFirst().orElseThrow()
                .frame().orElseThrow();

        assertEquals(lab.mac("gw", "eth1"), arrived.source());
        assertEquals(lab.mac("web", "eth0"), arrived.destination());
        assertEquals(MacAddress.parse("02:6e:66:00:01:01"), lab.mac("gw", "eth1"));
        assertTrue(lab.exec("gw", List.of("ip", "link", "show", "eth1")).stdout().contains("02:6e:66:00:01:01"));
        assertTrue(syn.frames().stream().allMatch(CapturedFrame::checksumsValid), syn::toString);
    }

    @Test
    void theListenerAnswersThroughTheNatAndTheClientKernelResets() {
        List<Ipv4Packet> back = syn.returnedToSender();

        assertTrue(hasFlags(back.get(0), TcpFlags.SYN_ACK), syn::toString);
        TcpSegment synAck = (TcpSegment) back.get(0).transport();
        assertEquals("203.0.113.1", back.get(0).source().toString());
        assertEquals(80, synAck.sourcePort());
        assertEquals(40000, synAck.destinationPort());
        assertEquals(1, synAck.acknowledgment());
        // The client has no socket for the connection its raw SYN opened, so its kernel answers with a RST,
        // which the gateway forwards to the web server through the same DNAT binding.
        assertTrue(syn.sent("client", "eth0").stream().anyMatch(p -> hasFlags(p, TcpFlags.RST)), syn::toString);
        assertTrue(syn.received("web", "eth0").stream().anyMatch(p -> hasFlags(p, TcpFlags.RST)
                && p.destination().toString().equals("192.168.1.2")), syn::toString);
    }

    @Test
    void theNatRuleCountedTheFirstPacket() {
        assertTrue(saveAfterSyn.contains("[1:40] " + DNAT_RULE + "\n"), saveAfterSyn);
        assertTrue(saveAfterSyn.startsWith("# Generated by iptables-save v1.8.9 (nf_tables) on "), saveAfterSyn);
    }

    @Test
    void conntrackOnTheGatewayShowsTheDnatEntry() {
        assertEquals(0, conntrackAfterSyn.exitCode());
        assertTrue(conntrackAfterSyn.stdout().contains("src=203.0.113.10 dst=203.0.113.1 sport=40000 dport=80"
                + " src=192.168.1.2 dst=203.0.113.10 sport=8080 dport=40000"), conntrackAfterSyn.stdout());
        assertTrue(conntrackAfterSyn.stderr().contains("1 flow entries have been shown."), conntrackAfterSyn.stderr());
    }

    @Test
    void nodesWithoutRulesTrackNoConnections() {
        // Conntrack runs in a namespace only once a rule there needs it: the web server saw the connection,
        // but has no ruleset, so its table stays empty.
        ProcessResult web = lab.conntrackList("web");

        assertEquals("", web.stdout());
        assertTrue(web.stderr().contains("0 flow entries have been shown."), web.stderr());
    }

    @Test
    void theForwardPolicyDropsDirectTrafficToTheLan() {
        long before = forwardPolicyPackets();

        Observation direct = lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S"));

        assertEquals(1, direct.received("gw", "eth0").size(), direct::toString);
        assertEquals(List.of(), direct.sent("gw", "eth1"), direct::toString);
        assertEquals(List.of(), direct.returnedToSender(), direct::toString);
        assertEquals(before + 1, forwardPolicyPackets());
    }

    @Test
    void aSynToAClosedPortOfTheGatewayIsResetAndLeavesNoConntrackEntry() {
        Observation closed = lab.send("client", PacketText.parse("tcp 203.0.113.10:40002 > 203.0.113.1:22 flags S"));

        assertEquals(1, closed.returnedToSender().size(), closed::toString);
        assertTrue(PacketNormalizer.equivalent(
                PacketText.parse("tcp 203.0.113.1:22 > 203.0.113.10:40002 flags RA ack 1 win 0 df"),
                closed.returnedToSender().get(0)), closed::toString);
        String entries = lab.conntrackList("gw").stdout();
        assertFalse(entries.contains("dport=22"), "a SYN reset at once leaves no entry:\n" + entries);
    }

    @Test
    void aDeliveredFrameArrivesAtOneInterfaceAndTheAnswerGoesBackOutOfIt() {
        EthernetFrame ping = new EthernetFrame(lab.mac("gw", "eth0"), lab.mac("client", "eth0"),
                PacketText.parse("icmp 203.0.113.10 > 203.0.113.1 echo-request id 7 seq 1"));

        Observation seen = lab.deliver("gw", "eth0", ping);

        assertEquals(List.of(ping.payload()), seen.received("gw", "eth0"), seen::toString);
        Ipv4Packet expected = PacketText.parse("icmp 203.0.113.1 > 203.0.113.10 echo-reply id 7 seq 1");
        assertEquals(1, seen.returnedToSender().size(), seen::toString);
        assertTrue(PacketNormalizer.equivalent(expected, seen.returnedToSender().get(0)), seen::toString);
        assertFalse(seen.received("client", "eth0").contains(ping.payload()), "only gw:eth0 got the frame:\n" + seen);
    }

    @Test
    void routesAndNeighboursAreTheKernels() {
        assertTrue(lab.routes("client").contains("default via 203.0.113.1 dev eth0"), lab.routes("client"));
        assertTrue(lab.neighbours("gw").contains("192.168.1.2 dev eth1 lladdr 02:6e:66:00:02:00"),
                lab.neighbours("gw"));
    }

    @Test
    void everyNamespaceIsPinnedToTheSameQuietBaseline() {
        for (String node : List.of("client", "gw", "web")) {
            assertEquals("1", sysctl(node, "net.ipv6.conf.eth0.disable_ipv6"), node);
            assertEquals("0", sysctl(node, "net.ipv4.icmp_ratemask"), node);
            assertEquals("0", sysctl(node, "net.ipv4.conf.eth0.rp_filter"), node);
            assertEquals("3600000", sysctl(node, "net.ipv4.neigh.eth0.base_reachable_time_ms"), node);
            assertEquals(node.equals("gw") ? "1" : "0", sysctl(node, "net.ipv4.ip_forward"), node);
        }
        String bridge = ProcessRunner.runChecked(
                List.of("ip", "-n", lab.names().switchNamespace(), "-d", "link", "show", "br0"),
                Netns.DEFAULT_TIMEOUT).stdout();
        assertTrue(bridge.contains("forward_delay 0") && bridge.contains("stp_state 0"), bridge);
    }

    @Test
    void unknownNodesAndInterfacesAreNamed() {
        assertEquals("no node `db' in lab port-forward; its nodes are client, gw, web",
                assertThrows(KernelLabException.class, () -> lab.iptablesSave("db")).getMessage());
        assertEquals("node gw has no interface `eth7'; its interfaces are eth0, eth1",
                assertThrows(KernelLabException.class, () -> lab.mac("gw", "eth7")).getMessage());
    }

    private static long forwardPolicyPackets() {
        Matcher m = FORWARD_POLICY.matcher(lab.iptablesSave("gw"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    private static String sysctl(String node, String key) {
        return lab.exec(node, List.of("sysctl", "-n", key)).stdout().strip();
    }

    private static boolean hasFlags(Ipv4Packet packet, TcpFlags flags) {
        return packet.transport() instanceof TcpSegment tcp && tcp.flags().equals(flags);
    }
}
