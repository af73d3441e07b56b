package io.nflab.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.nflab.lab.Activity;
import io.nflab.lab.LabFrame;
import io.nflab.lab.LocalLab;
import io.nflab.lab.PacketStory;
import io.nflab.lab.StoryNote;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.address.MacAddress;
import io.nflab.packet.PacketText;
import io.nflab.scenario.Fault;
import io.nflab.stack.ConsoleResult;
import io.nflab.stack.Fate;
import io.nflab.kernel.LabMacs;
import io.nflab.lab.LabWires;
import io.nflab.lab.Tracing;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Placement;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every runtime message, with real lab contents, survives Jackson CBOR unchanged. */
class MessageSerializationTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static <T> void roundTrip(T message) {
        SerializationRoundTrip.roundTrip(testKit.system(), message);
    }

    /** The activities of a lab that sends, connects, pings, is rejected, loses frames and crashes. */
    private static List<Activity> activities() {
        try (LocalLab lab = LocalLab.start(ActorLabTest.PORT_FORWARD)) {
            List<Activity> all = new ArrayList<>();
            all.add(lab.send("client", PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S")));
            all.add(lab.command("client", List.of("connect", "203.0.113.1", "80"), "GET / HTTP/1.0\r\n\r\n"));
            all.add(lab.command("gw", List.of("iptables", "-A", "FORWARD", "-p", "udp", "-j", "REJECT"), ""));
            all.add(lab.command("client", List.of("nc", "-u", "-w", "1", "192.168.1.2", "53"), "x"));
            all.add(lab.command("client", List.of("ping", "-c", "1", "192.168.1.2"), ""));
            all.add(lab.fault(new Fault.Loss("lan", 100)));
            all.add(lab.send("client", PacketText.parse("tcp 203.0.113.10:40001 > 203.0.113.1:80 flags S")));
            return all;
        }
    }

    @Test
    void activitiesWithEveryKindOfFateAndHop() {
        List<Activity> activities = activities();
        List<Fate> fates = activities.stream().flatMap(a -> a.packets().stream()).flatMap(p -> p.ends().stream())
                .toList();
        assertFalse(fates.stream().noneMatch(f -> f instanceof Fate.Rejected), "a REJECT is among them");
        assertFalse(fates.stream().noneMatch(f -> f instanceof Fate.Dropped d && d.place().isPresent()));
        TestProbe<LabActor.CallReply> probe = testKit.createTestProbe();
        for (Activity activity : activities) {
            roundTrip(new LabActor.CallReply(Optional.of(activity), ""));
        }
        PacketStory story = activities.get(0).packets().get(0);
        roundTrip(new LabActor.StoryReply(Optional.of(story), false));
        roundTrip(new LabActor.StoryReply(Optional.empty(), true));
        List<StoryNote> notes = new ArrayList<>();
        notes.add(new StoryNote.Created(story.id(), story.causeId(), story.origin(), story.createdNanos(),
                story.packet()));
        story.trace().forEach(hop -> notes.add(new StoryNote.Stepped(story.id(), hop)));
        fates.forEach(fate -> notes.add(new StoryNote.Ended(7, fate)));
        roundTrip(new LabActor.Ran(3, 1, 2, notes, Optional.empty(), Optional.of(new ConsoleResult(0, "out", "")), 5));
        roundTrip(new LabActor.Carried(3, List.of(new LabActor.Landing(1, 10_000, 2), new LabActor.Landing(2, 10_000, 1)),
                List.of(new LabActor.LostFrame(1, 2, notes.subList(0, 1)))));
        roundTrip(new LabActor.CallReply(Optional.empty(), "failed"));
        roundTrip(new LabActor.SendCall("client", List.of(story.packet(), story.packet()), probe.ref()));
        roundTrip(new LabActor.CommandCall("client", List.of("ping", "-c", "1", "10.0.0.1"), "", probe.ref()));
        for (Fault fault : List.of(new Fault.Link("gw", "eth1", false), new Fault.Crash("web"),
                new Fault.Restart("web"), new Fault.Loss("lan", 12.5))) {
            roundTrip(new LabActor.FaultCall(fault, probe.ref()));
        }
    }

    @Test
    void framesCrossAsWireBytes() {
        Ipv4Packet packet = PacketText.parse("udp 10.0.0.1:5000 > 10.0.0.2:53 ttl 3 len 12");
        LabFrame frame = new LabFrame(3, 0, "client", "eth0", 9, 20_000,
                new EthernetFrame(MacAddress.BROADCAST, MacAddress.parse("02:6e:66:00:00:00"), packet));
        roundTrip(new SegmentActor.Carry(2, "eth0", List.of(frame, frame)));
        roundTrip(new NodeActor.Deliver(2, 30_000, "eth0", "lan", List.of(frame)));
        roundTrip(new NodeActor.SendPackets(List.of(packet), 5));
    }

    /** What boots and wires a lab on any member: whole node descriptions (rules, routes, services), refs. */
    @Test
    void bootAndWiring() {
        TestProbe<LabActor.Command> lab = testKit.createTestProbe();
        TestProbe<NodeActor.Command> node = testKit.createTestProbe();
        TestProbe<SegmentActor.Command> segment = testKit.createTestProbe();
        Topology topology = ActorLabTest.PORT_FORWARD;
        List<NodeActor.InterfaceMac> macs = LabMacs.of(topology).entrySet().stream()
                .map(mac -> new NodeActor.InterfaceMac(mac.getKey(), mac.getValue())).toList();
        for (int i = 0; i < topology.nodes().size(); i++) {
            NodeSpec spec = topology.nodes().get(i);
            roundTrip(new NodeActor.Boot(spec, i, topology.nodes().size(), macs, Tracing.HOPS, lab.ref()));
            roundTrip(new NodeActor.Boot(withPlacement(spec), i, 3, List.of(), Tracing.ENDS, lab.ref()));
        }
        LabWires.of(topology).ports().forEach((name, ports) ->
                roundTrip(new SegmentActor.Boot(name, ports, lab.ref())));
        roundTrip(new NodeActor.Wire(4, List.of(new NodeActor.SegmentPort("eth0", segment.ref()))));
        roundTrip(new SegmentActor.Wire(4, List.of(new SegmentActor.Port("gw", 1, "eth1", node.ref()))));
        roundTrip(new LabActor.NodeBooted(1, node.ref(), "", 70_000));
        roundTrip(new LabActor.NodeBooted(2, node.ref(), "iptables-restore: line 3 failed", Long.MAX_VALUE));
        roundTrip(new LabActor.SegmentBooted("lan", segment.ref()));
        roundTrip(new LabActor.Wired(4));
        roundTrip(new LabActor.LossSet(4, "lan"));
        roundTrip(NodeActor.Stop.INSTANCE);
        roundTrip(SegmentActor.Stop.INSTANCE);
    }

    private static NodeSpec withPlacement(NodeSpec spec) {
        return new NodeSpec(spec.name(), spec.kind(), spec.interfaces(), spec.routes(), spec.ruleset(),
                spec.sysctls(), spec.services(), Optional.of(new Placement("dmz")));
    }
}
