package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.UserInputException;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The port-forward lab (topologies/port-forward) run by {@link LocalLab}, end to end. */
class LocalLabTest {
    static final Topology PORT_FORWARD = TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml"));

    private static Activity run(LabSession lab, String node, String... argv) {
        return lab.command(node, List.of(argv), "");
    }

    private static Fate onlyEnd(PacketStory story) {
        assertEquals(1, story.ends().size(), () -> "ends of " + story);
        return story.ends().get(0);
    }

    @Test
    void withEndsOnlyTheMostRecentStoriesAreKeptAndEveryActivityListsItsOwnPackets() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD, Tracing.ENDS)) {
            long first = 0;
            for (int i = 0; i <= StoryBook.RECENT_STORIES; i++) {
                Activity activity = lab.send("client", PacketText.parse("udp 203.0.113.10:40000 > 203.0.113.1:9"));
                assertEquals("client", activity.packets().get(0).origin());
                assertTrue(activity.packets().stream().allMatch(story -> story.trace().isEmpty()));
                if (i == 0) {
                    first = activity.packets().get(0).id();
                }
            }
            long last = lab.send("client", PacketText.parse("udp 203.0.113.10:40000 > 203.0.113.1:9")).packets()
                    .get(0).id();
            assertEquals(Optional.empty(), lab.packet(first));
            assertTrue(lab.forgotten(first));
            assertTrue(lab.packet(last).isPresent());
            assertFalse(lab.forgotten(last));
            assertFalse(lab.forgotten(last + 3), "not created yet");
        }
    }

    @Test
    void withHopsEveryStoryIsKept() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            long first = lab.send("client", PacketText.parse("udp 203.0.113.10:40000 > 203.0.113.1:9")).packets()
                    .get(0).id();
            for (int i = 0; i < 100; i++) {
                lab.send("client", PacketText.parse("udp 203.0.113.10:40000 > 203.0.113.1:9"));
            }
            assertFalse(lab.packet(first).orElseThrow().trace().isEmpty());
            assertFalse(lab.forgotten(first));
        }
    }

    @Test
    void theSynReachesWebTranslatedAndItsAnswerIsCausedByIt() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));

            PacketStory syn = activity.packets().get(0);
            assertEquals("client", syn.origin());
            assertEquals(0, syn.causeId());
            Fate.Delivered delivered = (Fate.Delivered) onlyEnd(syn);
            assertEquals("web", delivered.node());
            assertEquals("eth0", delivered.iface());
            assertEquals("192.168.1.2", delivered.packet().destination().toString());
            assertEquals(8080, ((TcpSegment) delivered.packet().transport()).destinationPort());
            assertEquals(63, delivered.packet().ttl());
            assertTrue(syn.trace().stream().anyMatch(h -> h.node().equals("gw") && h.hook().equals("PREROUTING")
                    && h.table().equals("nat") && h.rule() == 1 && h.what().endsWith("-j DNAT --to-destination "
                    + "192.168.1.2:8080")), () -> "trace " + syn.trace());
            assertTrue(syn.trace().stream().anyMatch(h -> h.what().equals(
                    "DNAT dst 203.0.113.1:80 -> 192.168.1.2:8080")), () -> "trace " + syn.trace());
            assertTrue(syn.trace().stream().anyMatch(h -> h.node().equals("gw") && h.hook().equals("FORWARD")
                    && h.chain().equals("FORWARD") && h.rule() == 2), () -> "trace " + syn.trace());
            assertTrue(syn.trace().stream().anyMatch(h -> h.node().equals("web") && h.hook().equals("wire")
                    && h.what().equals("from gw eth1 over lan") && h.text().startsWith("from gw eth1 over lan: tcp ")
                    && h.wirePacket().map(p -> p.ttl() == 63).orElse(false)), () -> "trace " + syn.trace());

            PacketStory synAck = activity.packets().stream().filter(p -> p.causeId() == syn.id()).findFirst()
                    .orElseThrow();
            assertEquals("web", synAck.origin());
            Fate.Delivered back = (Fate.Delivered) onlyEnd(synAck);
            assertEquals("client", back.node());
            assertEquals("203.0.113.1", back.packet().source().toString());
            assertEquals(80, ((TcpSegment) back.packet().transport()).sourcePort());
            assertEquals(Optional.of(syn), lab.packet(syn.id()));
            assertTrue(activity.endNanos() > activity.startNanos());
            assertEquals(activity.endNanos(), lab.clock());
        }
    }

    @Test
    void connectThroughThePortForwardIsEstablishedAndConntrackShowsTheDnat() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            Activity connect = lab.command("client", List.of("connect", "203.0.113.1", "80"),
                    "GET / HTTP/1.0\r\n\r\n");

            assertEquals(Optional.of(Outcome.ESTABLISHED), connect.outcome());
            assertEquals(0, connect.exitCode());
            assertTrue(connect.stderr().contains("Connection to 203.0.113.1 80 port [tcp/http] succeeded!"),
                    connect.stderr());
            assertTrue(connect.stdout().startsWith("HTTP/1."), connect.stdout());

            String conntrack = run(lab, "gw", "conntrack", "-L").stdout();
            assertTrue(conntrack.matches("(?s)tcp      6 \\d+ TIME_WAIT src=203\\.0\\.113\\.10 dst=203\\.0\\.113\\.1 "
                    + "sport=\\d+ dport=80 src=192\\.168\\.1\\.2 dst=203\\.0\\.113\\.10 sport=8080 dport=\\d+ \\[ASSURED\\] "
                    + "mark=0 use=1\n"), conntrack);
        }
    }

    @Test
    void pingAcrossTheGatewayPrintsLikeIputils() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            assertEquals(0, run(lab, "gw", "iptables", "-A", "FORWARD", "-p", "icmp", "-j", "ACCEPT").exitCode());
            Activity ping = run(lab, "client", "ping", "-c", "2", "192.168.1.2");

            assertEquals(0, ping.exitCode(), ping.stderr());
            String[] lines = ping.stdout().split("\n");
            assertEquals("PING 192.168.1.2 (192.168.1.2) 56(84) bytes of data.", lines[0]);
            assertTrue(lines[1].matches("64 bytes from 192\\.168\\.1\\.2: icmp_seq=1 ttl=63 time=0\\.\\d{3} ms"),
                    lines[1]);
            assertEquals("64 bytes from 192.168.1.2: icmp_seq=2 ttl=63 time=0.040 ms", lines[2]);
            assertEquals("", lines[3]);
            assertEquals("--- 192.168.1.2 ping statistics ---", lines[4]);
            assertEquals("2 packets transmitted, 2 received, 0% packet loss, time 1000ms", lines[5]);
            assertTrue(lines[6].startsWith("rtt min/avg/max/mdev = 0.040/"), lines[6]);
            assertTrue(ping.endNanos() - ping.startNanos() >= 1_000_000_000L);
            assertEquals(4, ping.packets().stream().filter(p -> p.ends().size() == 1
                    && p.ends().get(0) instanceof Fate.Delivered).count(), () -> "" + ping.packets());
        }
    }

    @Test
    void tracerouteListsTheGatewayThenTheServer() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            run(lab, "gw", "iptables", "-A", "FORWARD", "-p", "udp", "-j", "ACCEPT");
            Activity trace = run(lab, "client", "traceroute", "-n", "-q", "1", "192.168.1.2");

            assertEquals(0, trace.exitCode(), trace.stderr());
            String[] lines = trace.stdout().split("\n");
            assertEquals("traceroute to 192.168.1.2 (192.168.1.2), 30 hops max, 60 byte packets", lines[0]);
            assertTrue(lines[1].matches(" 1  203\\.0\\.113\\.1  0\\.\\d{3} ms"), lines[1]);
            assertTrue(lines[2].matches(" 2  192\\.168\\.1\\.2  0\\.\\d{3} ms"), lines[2]);
            assertEquals(3, lines.length);
        }
    }

    @Test
    void sshToTheLanIsDroppedByTheForwardPolicy() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S"));

            assertEquals(1, activity.packets().size());
            PacketStory story = activity.packets().get(0);
            Fate.Dropped dropped = (Fate.Dropped) onlyEnd(story);
            assertEquals("gw", dropped.node());
            Place place = dropped.place().orElseThrow();
            assertEquals(Hook.FORWARD, place.hook());
            assertEquals(TableKind.FILTER, place.table());
            assertEquals("FORWARD", place.chain());
            assertEquals(Place.Step.POLICY, place.step());
            Hop last = story.trace().get(story.trace().size() - 1);
            assertEquals(new Hop("gw", last.nanos(), "eth0", "eth1", "FORWARD", "filter", "FORWARD", Hop.NO_RULE,
                    "policy DROP"), last);
        }
    }

    @Test
    void arpRequestsAreFloodedOnlyWithinTheirSegment() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S"));

            assertTrue(run(lab, "gw", "ip", "neigh", "show").stdout().contains("203.0.113.10 dev eth0"));
            assertEquals("", run(lab, "web", "ip", "neigh", "show").stdout());
        }
    }

    @Test
    void theSameCallsGiveTheSameActivities() {
        assertEquals(script(LocalLab.start(PORT_FORWARD)), script(LocalLab.start(PORT_FORWARD)));
    }

    /** A sequence of every kind of call; the activities it gives. */
    static List<Activity> script(LabSession lab) {
        try (lab) {
            return List.of(
                    lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S")),
                    lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n"),
                    lab.command("gw", List.of("iptables", "-A", "FORWARD", "-p", "icmp", "-j", "ACCEPT"), ""),
                    lab.command("client", List.of("ping", "-c", "2", "192.168.1.2"), ""),
                    lab.command("client", List.of("traceroute", "-n", "-m", "3", "-q", "1", "192.168.1.2"), ""),
                    lab.command("client", List.of("nc", "-u", "-w", "1", "192.168.1.2", "53"), "hello"),
                    lab.fault(new Fault.Loss("lan", 50)),
                    lab.command("client", List.of("ping", "-c", "4", "-i", "0.2", "192.168.1.2"), ""),
                    lab.fault(new Fault.Loss("lan", 0)),
                    lab.fault(new Fault.Crash("web")),
                    lab.send("client", PacketText.parse("tcp 203.0.113.10:40002 > 203.0.113.1:80 flags S")),
                    lab.fault(new Fault.Restart("web")),
                    lab.fault(new Fault.Link("gw", "eth1", false)),
                    lab.send("client", PacketText.parse("tcp 203.0.113.10:40003 > 203.0.113.1:80 flags S")),
                    lab.fault(new Fault.Link("gw", "eth1", true)),
                    lab.advance(120_000_000_000L),
                    lab.command("gw", List.of("conntrack", "-L"), ""));
        }
    }

    @Test
    void aCrashedNodeDropsWhatArrivesAndARestartedOneStartsAfresh() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            lab.command("client", List.of("connect", "203.0.113.1", "80"), "");
            Activity crash = lab.fault(new Fault.Crash("web"));
            assertEquals(List.of(new LabEvent(crash.startNanos(), "web crashed")), crash.events());

            Activity lost = lab.send("client", PacketText.parse("tcp 203.0.113.10:40002 > 203.0.113.1:80 flags S"));
            Fate.Dropped dropped = (Fate.Dropped) onlyEnd(lost.packets().get(0));
            assertEquals("web", dropped.node());
            assertEquals("node down", dropped.reason());
            assertEquals(1, run(lab, "web", "iptables", "-S").exitCode());

            lab.fault(new Fault.Restart("web"));
            Activity again = lab.command("client", List.of("connect", "203.0.113.1", "80"), "");
            assertEquals(Optional.of(Outcome.ESTABLISHED), again.outcome());
        }
    }

    @Test
    void aLinkDownStopsFramesAndUpLetsThemThrough() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            // gw, not web: a link going down takes its static routes (web's default route) with it, as in Linux
            Activity fault = lab.fault(new Fault.Link("gw", "eth1", false));
            assertEquals("gw eth1 link down", fault.events().get(0).text());
            Activity down = lab.send("client", PacketText.parse("tcp 203.0.113.10:40002 > 203.0.113.1:80 flags S"));
            Fate.Dropped dropped = (Fate.Dropped) onlyEnd(down.packets().get(0));
            assertEquals("gw", dropped.node());
            assertTrue(dropped.reason().startsWith("no route"), dropped.reason());
            lab.fault(new Fault.Link("gw", "eth1", true));
            Activity connect = lab.command("client", List.of("connect", "203.0.113.1", "80"), "");
            assertEquals(Optional.of(Outcome.ESTABLISHED), connect.outcome());
        }
    }

    @Test
    void aLossySegmentDropsFramesOnTheWire() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
            Activity loss = lab.fault(new Fault.Loss("lan", 100));
            assertEquals("segment lan loses 100% of its frames", loss.events().get(0).text());

            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 203.0.113.1:80 flags S"));
            Fate.Dropped dropped = (Fate.Dropped) onlyEnd(activity.packets().get(0));
            assertEquals("gw", dropped.node());
            assertEquals("lost on segment lan", dropped.reason());
        }
    }

    @Test
    void clientsRefuseBadArgumentsAsTheRealToolsDo() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            Activity ping = run(lab, "client", "ping");
            assertEquals(2, ping.exitCode());
            assertEquals("ping: usage error: Destination address required\n", ping.stderr());
            Activity count = run(lab, "client", "ping", "-c", "0", "192.168.1.2");
            assertEquals("ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n",
                    count.stderr());
            Activity trace = run(lab, "client", "traceroute", "-m", "300", "192.168.1.2");
            assertEquals(2, trace.exitCode());
            assertEquals("max hops cannot be more than 255\n", trace.stderr());
            Activity connect = run(lab, "client", "connect", "203.0.113.1");
            assertEquals(2, connect.exitCode());
            assertEquals("usage: connect HOST PORT\n", connect.stderr());
            assertTrue(ping.packets().isEmpty());
            assertEquals(0, lab.clock());
        }
    }

    @Test
    void unknownNodesAndSegmentsAreNamed() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            UserInputException node = assertThrows(UserInputException.class, () -> run(lab, "router", "ip", "addr"));
            assertEquals("unknown node 'router' in lab port-forward; its nodes are: client, gw, web", node.getMessage());
            UserInputException segment = assertThrows(UserInputException.class,
                    () -> lab.fault(new Fault.Loss("dmz", 10)));
            assertTrue(segment.getMessage().contains("'dmz'") && segment.getMessage().contains("internet, lan"));
            UserInputException iface = assertThrows(UserInputException.class,
                    () -> lab.fault(new Fault.Link("gw", "eth7", false)));
            assertTrue(iface.getMessage().contains("'eth7'") && iface.getMessage().contains("eth0, eth1"));
        }
    }

    @Test
    void advanceFiresTimersAndTheSnapshotShowsEveryNode() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            lab.command("client", List.of("connect", "203.0.113.1", "80"), "");
            assertFalse(lab.snapshot().nodes().get("gw").conntrack().isEmpty());
            Activity advance = lab.advance(600_000_000_000L);
            assertEquals(advance.startNanos() + 600_000_000_000L, advance.endNanos());
            LabSnapshot snapshot = lab.snapshot();
            assertEquals(List.of("client", "gw", "web"), List.copyOf(snapshot.nodes().keySet()));
            assertEquals("", snapshot.nodes().get("gw").conntrack());
            assertTrue(snapshot.nodes().get("gw").iptablesSave().contains(
                    "[1:60] -A PREROUTING -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080"),
                    snapshot.nodes().get("gw").iptablesSave());
        }
    }

    @Test
    void aRejectedPacketEndsRejectedAndItsReplyIsCausedByIt() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD)) {
            run(lab, "gw", "iptables", "-I", "FORWARD", "-p", "udp", "-j", "REJECT");
            Activity activity = lab.send("client", PacketText.parse("udp 203.0.113.10:5000 > 192.168.1.2:53"));

            PacketStory query = activity.packets().get(0);
            Fate.Rejected rejected = (Fate.Rejected) onlyEnd(query);
            assertEquals("gw", rejected.node());
            assertEquals(1, rejected.place().number());
            PacketStory unreachable = activity.packets().get(1);
            assertEquals(query.id(), unreachable.causeId());
            assertEquals(rejected.reply().orElseThrow(), unreachable.packet());
            assertEquals("client", onlyEnd(unreachable).node());
        }
    }

    @Test
    void withoutHopsStoriesKeepTheirEndsOnly() {
        try (LocalLab lab = LocalLab.start(PORT_FORWARD, Tracing.ENDS)) {
            Activity activity = lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"));
            assertEquals("web", onlyEnd(activity.packets().get(0)).node());
            assertTrue(activity.packets().stream().allMatch(p -> p.trace().isEmpty()));
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
        UserInputException e = assertThrows(UserInputException.class, () -> LocalLab.start(broken));
        assertTrue(e.getMessage().contains("NOWHERE"), e.getMessage());
    }

    @Test
    void aClosedLabRefusesCalls() {
        LocalLab lab = LocalLab.start(PORT_FORWARD);
        lab.close();
        assertThrows(IllegalStateException.class, () -> lab.advance(1));
    }
}
