package io.nflab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.lab.PacketStory;
import io.nflab.lab.StoryBook;
import io.nflab.lab.Tracing;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import io.nflab.scenario.Fault;
import io.nflab.socket.Outcome;
import io.nflab.stack.Fate;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import io.nflab.packet.Ipv4Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The port-forward lab (topologies/port-forward) run as actors, with every message serialized. */
class ActorLabTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    static final Topology PORT_FORWARD = TopologyLoader.load(
            Path.of(System.getProperty("nflab.repo", ".."), "topologies/port-forward/topology.yaml"));

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static ActorLab start() {
        return ActorLab.start(testKit.system(), PORT_FORWARD, Tracing.HOPS);
    }

    private static Activity run(LabSession lab, String node, String... argv) {
        return lab.command(node, List.of(argv), "");
    }

    @Test
    void theSynReachesWebTranslated() {
        try (ActorLab lab = start()) {
            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));

            PacketStory syn = activity.packets().get(0);
            Fate.Delivered delivered = (Fate.Delivered) syn.ends().get(0);
            assertEquals("web", delivered.node());
            assertEquals("192.168.1.2", delivered.packet().destination().toString());
            assertEquals(8080, ((TcpSegment) delivered.packet().transport()).destinationPort());
            assertTrue(syn.trace().stream().anyMatch(h -> h.what().equals("DNAT dst 203.0.113.1:80 -> 192.168.1.2:8080")));
            assertTrue(activity.packets().stream().anyMatch(p -> p.causeId() == syn.id() && p.origin().equals("web")));
            assertEquals(Optional.of(syn), lab.packet(syn.id()));
            assertEquals(activity.endNanos(), lab.clock());
        }
    }

    @Test
    void withEndsOnlyTheMostRecentStoriesAreKeptAsOnTheLocalLab() {
        Ipv4Packet udp = PacketText.parse("udp 203.0.113.10:40000 > 203.0.113.1:9");
        try (ActorLab lab = ActorLab.start(testKit.system(), PORT_FORWARD, Tracing.ENDS)) {
            Activity batch = lab.sendAll("client", java.util.Collections.nCopies(StoryBook.RECENT_STORIES, udp));
            assertTrue(batch.packets().size() > StoryBook.RECENT_STORIES, "a call lists all of its own packets");
            long first = batch.packets().get(0).id();
            long last = lab.send("client", udp).packets().get(0).id();
            assertEquals(Optional.empty(), lab.packet(first));
            assertTrue(lab.forgotten(first));
            assertTrue(lab.packet(last).isPresent());
            assertEquals(false, lab.forgotten(last));
            assertEquals(false, lab.forgotten(last + 3), "not created yet");
        }
    }

    @Test
    void connectIsEstablishedAndTheGatewayTracksTheDnat() {
        try (ActorLab lab = start()) {
            Activity connect = lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n");
            assertEquals(Optional.of(Outcome.ESTABLISHED), connect.outcome());
            assertTrue(connect.stdout().startsWith("HTTP/1."), connect.stdout());
            String conntrack = lab.snapshot().nodes().get("gw").conntrack();
            assertTrue(conntrack.contains("dport=80 src=192.168.1.2 dst=203.0.113.10 sport=8080"), conntrack);
        }
    }

    @Test
    void pingAndTracerouteAcrossTheGateway() {
        try (ActorLab lab = start()) {
            run(lab, "gw", "iptables", "-I", "FORWARD", "-p", "icmp", "-j", "ACCEPT");
            run(lab, "gw", "iptables", "-I", "FORWARD", "-p", "udp", "-j", "ACCEPT");
            Activity ping = run(lab, "client", "ping", "-c", "2", "192.168.1.2");
            assertTrue(ping.stdout().contains("64 bytes from 192.168.1.2: icmp_seq=2 ttl=63 time=0.040 ms\n"),
                    ping.stdout());
            assertTrue(ping.stdout().contains("2 packets transmitted, 2 received, 0% packet loss, time 1000ms\n"));
            Activity trace = run(lab, "client", "traceroute", "-n", "-q", "1", "192.168.1.2");
            assertTrue(trace.stdout().matches("(?s)traceroute to 192\\.168\\.1\\.2 .*\n 1  203\\.0\\.113\\.1  0\\.\\d+ ms\n"
                    + " 2  192\\.168\\.1\\.2  0\\.\\d+ ms\n"), trace.stdout());
        }
    }

    @Test
    void sshToTheLanIsDroppedByTheForwardPolicy() {
        try (ActorLab lab = start()) {
            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S"));
            Fate.Dropped dropped = (Fate.Dropped) activity.packets().get(0).ends().get(0);
            Place place = dropped.place().orElseThrow();
            assertEquals(Hook.FORWARD, place.hook());
            assertEquals(Place.Step.POLICY, place.step());
            List<Hop> trace = activity.packets().get(0).trace();
            assertEquals("policy DROP", trace.get(trace.size() - 1).what());
        }
    }

    @Test
    void arpStaysInItsSegment() {
        try (ActorLab lab = start()) {
            lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S"));
            assertTrue(run(lab, "gw", "ip", "neigh", "show").stdout().contains("203.0.113.10 dev eth0"));
            assertEquals("", run(lab, "web", "ip", "neigh", "show").stdout());
        }
    }

    @Test
    void aLabWithItsOwnActorSystemEndsItWhenClosed() {
        ActorLab lab = ActorLab.start(PORT_FORWARD);
        Activity ping = run(lab, "client", "ping", "-c", "1", "203.0.113.1");
        assertEquals(0, ping.exitCode(), ping.stderr());
        lab.close();
        assertThrows(IllegalStateException.class, lab::clock);
    }

    @Test
    void unknownNamesAreRefusedBeforeAnythingRuns() {
        try (ActorLab lab = start()) {
            UserInputException e = assertThrows(UserInputException.class, () -> run(lab, "router", "ip", "addr"));
            assertEquals("unknown node 'router' in lab port-forward; its nodes are: client, gw, web", e.getMessage());
            assertThrows(UserInputException.class, () -> lab.fault(new Fault.Crash("router")));
            assertEquals(0, lab.clock());
        }
    }

    @Test
    void aRulesetTheNodeRefusesStopsTheLabFromStarting() {
        // the topology loader refuses such a ruleset already; a topology built in code reaches the boot
        NodeSpec gw = PORT_FORWARD.node("gw").orElseThrow();
        NodeSpec refused = new NodeSpec(gw.name(), gw.kind(), gw.interfaces(), gw.routes(),
                Optional.of(new Ruleset("*filter\n-A INPUT -j NOWHERE\nCOMMIT\n", Optional.empty(),
                        SourceLocation.startOf("gw.rules"))), gw.sysctls(), gw.services(), gw.placement());
        Topology broken = new Topology(PORT_FORWARD.name(), PORT_FORWARD.description(), PORT_FORWARD.segments(),
                PORT_FORWARD.nodes().stream().map(node -> node.name().equals("gw") ? refused : node).toList());
        UserInputException e = assertThrows(UserInputException.class, () -> ActorLab.start(testKit.system(), broken, Tracing.HOPS));
        assertTrue(e.getMessage().contains("NOWHERE"), e.getMessage());
    }

    @Test
    void actorsAndTheLocalLabGiveTheSameActivities() {
        List<Activity> local = script(LocalLab.start(PORT_FORWARD));
        List<Activity> actors = script(start());
        assertEquals(local.size(), actors.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i), actors.get(i), "call " + i);
        }
    }

    @Test
    void batchesGiveTheSameActivitiesOnActorsAndOnTheLocalLab() {
        List<Activity> local = batches(LocalLab.start(PORT_FORWARD));
        List<Activity> actors = batches(start());
        assertEquals(local.size(), actors.size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(local.get(i), actors.get(i), "call " + i);
        }
        assertEquals(40, local.get(0).packets().stream().filter(p -> p.causeId() == 0).count());
    }

    /**
     * Batches: many SYNs while nobody knows anyone's MAC (they wait for ARP together), a mix of forwarded,
     * dropped and rejected packets, a batch into a lossy segment and one towards a crashed node.
     */
    private static List<Activity> batches(LabSession lab) {
        try (lab) {
            List<Ipv4Packet> syns = IntStream.range(0, 40).mapToObj(i -> PacketText.parse(
                    "tcp 203.0.113.10:" + (41_000 + i) + " > 203.0.113.1:80 flags S")).toList();
            List<Ipv4Packet> mixed = List.of(
                    PacketText.parse("tcp 203.0.113.10:42000 > 203.0.113.1:80 flags S"),
                    PacketText.parse("tcp 203.0.113.10:42001 > 192.168.1.2:22 flags S"),
                    PacketText.parse("udp 203.0.113.10:42002 > 203.0.113.1:53 len 4"),
                    PacketText.parse("icmp 203.0.113.10 > 192.168.1.2 echo-request id 7 seq 1"),
                    PacketText.parse("tcp 203.0.113.10:42000 > 203.0.113.1:80 flags A"));
            List<Activity> activities = new ArrayList<>();
            activities.add(lab.sendAll("client", syns));
            activities.add(lab.command("gw", List.of("iptables", "-A", "FORWARD", "-p", "udp", "-j", "REJECT"), ""));
            activities.add(lab.sendAll("client", mixed));
            activities.add(lab.sendAll("web", List.of(PacketText.parse("tcp 192.168.1.2:8080 > 203.0.113.10:42000 flags SA"))));
            activities.add(lab.fault(new Fault.Loss("internet", 50)));
            activities.add(lab.sendAll("client", syns));
            activities.add(lab.fault(new Fault.Loss("internet", 0)));
            activities.add(lab.fault(new Fault.Crash("web")));
            activities.add(lab.sendAll("client", syns.subList(0, 5)));
            activities.add(lab.sendAll("web", syns.subList(0, 1)));
            activities.add(lab.sendAll("client", List.of()));
            return activities;
        }
    }

    /** Every kind of call, faults included; the activities they give. */
    private static List<Activity> script(LabSession lab) {
        try (lab) {
            return List.of(
                    lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n"),
                    lab.command("gw", List.of("iptables", "-A", "FORWARD", "-p", "icmp", "-j", "ACCEPT"), ""),
                    lab.command("client", List.of("ping", "-c", "3", "-i", "0.5", "192.168.1.2"), ""),
                    lab.command("web", List.of("ping", "-c", "1", "203.0.113.10"), ""),
                    lab.command("client", List.of("traceroute", "-n", "-m", "2", "-q", "2", "192.168.1.2"), ""),
                    lab.command("client", List.of("nc", "-u", "-w", "1", "203.0.113.1", "53"), "query"),
                    lab.command("client", List.of("ping"), ""),
                    lab.fault(new Fault.Loss("internet", 40)),
                    lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n"),
                    lab.fault(new Fault.Loss("internet", 0)),
                    lab.fault(new Fault.Link("gw", "eth1", false)),
                    lab.send("client", PacketText.parse("tcp 203.0.113.10:40003 > 203.0.113.1:80 flags S")),
                    lab.fault(new Fault.Link("gw", "eth1", true)),
                    lab.fault(new Fault.Crash("web")),
                    lab.send("client", PacketText.parse("tcp 203.0.113.10:40004 > 203.0.113.1:80 flags S")),
                    lab.send("web", PacketText.parse("tcp 192.168.1.2:1 > 203.0.113.10:2 flags S")),
                    lab.fault(new Fault.Restart("web")),
                    lab.command("client", List.of("connect", "203.0.113.1", "80"), ""),
                    lab.advance(30_000_000_000L),
                    lab.command("gw", List.of("conntrack", "-L"), ""),
                    lab.command("gw", List.of("iptables-save", "-c"), ""));
        }
    }
}
