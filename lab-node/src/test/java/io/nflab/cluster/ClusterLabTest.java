package io.nflab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import io.nflab.lab.Activity;
import io.nflab.lab.LabEvent;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.LocalLab;
import io.nflab.lab.Tracing;
import io.nflab.replay.JsonReport;
import io.nflab.replay.ReplayResult;
import io.nflab.replay.Replayer;
import io.nflab.replay.StepResult;
import io.nflab.runtime.ActorLab;
import io.nflab.runtime.ElementSharding;
import io.nflab.scenario.LabLoader;
import io.nflab.scenario.Scenario;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Placement;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Labs over three real Artery members in this JVM: the same reports as on one, and a member lost mid-run. */
class ClusterLabTest {
    static final Path TOPOLOGIES = Path.of(System.getProperty("nflab.repo", ".."), "topologies");
    /** The lab, dmz-three-zone, once the seedlabs branch brings it; port-forward until then. */
    static final Path LAB = Files.isDirectory(TOPOLOGIES.resolve("dmz-three-zone"))
            ? TOPOLOGIES.resolve("dmz-three-zone") : TOPOLOGIES.resolve("port-forward");
    static final Clock WALL = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";

    @Test
    void theScenariosGiveTheSameReportsOnOneMemberAndOnThree() {
        List<Scenario> scenarios = LabLoader.load(LAB).scenarios();
        String one;
        try (Members single = new Members(1)) {
            ReplayResult result = new Replayer(t -> ActorLab.start(single.get(0), t, Tracing.HOPS), WALL)
                    .replay(scenarios);
            assertEquals(StepResult.Status.PASSED, result.status());
            one = JsonReport.text(result);
        }
        try (Members three = new Members(3)) {
            Topology topology = scenarios.get(0).topology();
            try (ActorLab lab = ActorLab.start(three.get(0), topology, Tracing.HOPS)) {
                // sharding statistics are gathered from every region and may lag behind: wait for them to settle
                Members.await(() -> {
                    Set<Address> hosts = new HashSet<>(three.shards(ElementSharding.NODES).values());
                    hosts.addAll(three.shards(ElementSharding.SEGMENTS).values());
                    return hosts.size() == 3;
                }, "the lab's elements spread over the three members");
            }
            ReplayResult result = new Replayer(t -> ActorLab.start(three.get(0), t, Tracing.HOPS), WALL)
                    .replay(scenarios);
            assertEquals(one, JsonReport.text(result));
        }
    }

    @Test
    void aLabSurvivesTheLossOfTheMemberItsGatewayIsPlacedOn() {
        Topology topology = withGatewayOn("m3", TopologyLoader.load(TOPOLOGIES.resolve("port-forward/topology.yaml")));
        LabSnapshot.NodeState freshGateway;
        try (LocalLab fresh = LocalLab.start(topology)) {
            freshGateway = fresh.snapshot().nodes().get("gw");
        }
        try (Members three = new Members(3); ActorLab lab = ActorLab.start(three.get(0), topology, Tracing.HOPS)) {
            // sharding statistics are gathered from every region and may lag behind: wait for them to settle
            Members.await(() -> gatewayHost(three).equals(Optional.of(three.address(2))),
                    "placement: gw runs on the member with role m3",
                    () -> "nodes are placed " + three.shards(ElementSharding.NODES));
            Activity before = lab.command("client", List.of("connect", "203.0.113.1", "80"), REQUEST);
            assertEquals(0, before.exitCode(), before.stderr());
            assertNotEquals(freshGateway, lab.snapshot().nodes().get("gw"), "counters and conntrack moved");

            three.leave(2);
            List<LabEvent> events = eventsAfterLoss(lab);
            assertTrue(events.stream().anyMatch(e -> e.text().startsWith("gw restarted with fresh state")),
                    events.toString());
            assertEquals(freshGateway, lab.snapshot().nodes().get("gw"), "gw booted again from the topology");
            Members.await(() -> gatewayHost(three).filter(Set.of(three.address(0), three.address(1))::contains)
                    .isPresent(), "gw placed on a surviving member",
                    () -> "nodes are placed " + three.shards(ElementSharding.NODES));

            Activity after = lab.command("client", List.of("connect", "203.0.113.1", "80"), REQUEST);
            assertEquals(0, after.exitCode(), after.stderr());
            assertTrue(after.stdout().startsWith("HTTP/1.1 200 OK"), after.stdout());
        }
    }

    /** The lab's events once the loss is noticed (calls that end before it carry none). */
    private static List<LabEvent> eventsAfterLoss(ActorLab lab) {
        List<LabEvent> events = new ArrayList<>();
        Members.await(() -> {
            events.addAll(lab.advance(0).events());
            return !events.isEmpty();
        }, "the loss to show in an activity");
        return events;
    }

    private static Optional<Address> gatewayHost(Members members) {
        Map<String, Address> shards = members.shards(ElementSharding.NODES);
        return shards.entrySet().stream().filter(e -> e.getKey().endsWith("/gw@m3")).map(Map.Entry::getValue)
                .reduce((a, b) -> b);
    }

    private static Topology withGatewayOn(String role, Topology topology) {
        List<NodeSpec> nodes = topology.nodes().stream().map(node -> !node.name().equals("gw") ? node
                : new NodeSpec(node.name(), node.kind(), node.interfaces(), node.routes(), node.ruleset(),
                        node.sysctls(), node.services(), Optional.of(new Placement(role)))).toList();
        return new Topology(topology.name(), topology.description(), topology.segments(), nodes);
    }
}
