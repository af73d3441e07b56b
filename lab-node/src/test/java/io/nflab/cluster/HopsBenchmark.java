package io.nflab.cluster;

import io.nflab.lab.Activity;
import io.nflab.lab.LocalLab;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.runtime.ActorLab;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Placement;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Packet-hops per second of an {@link ActorLab} on one cluster member and across two: port-forward's client
 * sends SYNs to the gateway's port 80 (DNAT to web:8080; web answers SYN/ACK, the client's stack RST). With
 * two members the elements alternate between them (client, internet, gw, lan, web on m1, m2, m1, m2, m1), so
 * every frame crosses the network twice (node to segment, segment to node). A hop is one segment crossing
 * (a frame arriving at a node); {@link #HOPS_PER_SEND} of them per send, counted once with LocalLab.
 * {@link #send} makes one lab call per SYN, {@link #sendBatch} one per {@link #BATCH} SYNs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HopsBenchmark {
    static final int HOPS_PER_SEND = hopsPerSend();
    /** Packets per {@link ActorLab#sendAll} call of {@link #sendBatch}. */
    static final int BATCH = 1_000;
    /** Source ports the SYNs cycle through (a new connection each, until they come round again). */
    private static final List<Ipv4Packet> SYNS = IntStream.rangeClosed(1, 20_000).mapToObj(p -> syn(40_000 + p))
            .toList();

    @Param({"1", "2"})
    public int members;

    private Members cluster;
    private ActorLab lab;
    private int port;

    @Setup(Level.Trial)
    public void start() {
        cluster = new Members(members);
        System.out.println("# " + HOPS_PER_SEND + " hops per send");
    }

    /** A fresh lab per iteration: the lab keeps every packet's story, which would weigh on later iterations. */
    @Setup(Level.Iteration)
    public void startLab() {
        lab = ActorLab.start(cluster.get(0), alternating(), Tracing.ENDS);
        lab.send("client", syn(39_999)); // ARP warm
    }

    @TearDown(Level.Iteration)
    public void stopLab() {
        lab.close();
    }

    @TearDown(Level.Trial)
    public void stop() {
        cluster.close();
    }

    /** One SYN per lab call: the latency of a call's rounds. */
    @Benchmark
    public Activity send() {
        port = (port + 1) % SYNS.size();
        return lab.send("client", SYNS.get(port));
    }

    /** {@link #BATCH} SYNs per lab call ({@link ActorLab#sendAll}), sharing its rounds; one op is one SYN. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Activity sendBatch() {
        int from = port - port % BATCH;
        port = (from + BATCH) % SYNS.size();
        return lab.sendAll("client", SYNS.subList(from, from + BATCH));
    }

    private static Ipv4Packet syn(int sourcePort) {
        return PacketText.parse("tcp 203.0.113.10:" + sourcePort + " > 203.0.113.1:80 flags S");
    }

    private static int hopsPerSend() {
        try (LocalLab local = LocalLab.start(portForward())) {
            local.send("client", syn(39_999));
            return (int) local.send("client", syn(39_998)).packets().stream()
                    .flatMap(story -> story.trace().stream())
                    .filter(hop -> hop.hook().equals("wire") && hop.what().startsWith("from "))
                    .count();
        }
    }

    private static Topology portForward() {
        return TopologyLoader.load(Path.of(System.getProperty("nflab.repo", "."),
                "topologies/port-forward/topology.yaml"));
    }

    /** port-forward with its elements placed on m1 and m2 by turns (on one member, placement has no effect). */
    private static Topology alternating() {
        Topology topology = portForward();
        Map<String, String> on = Map.of("client", "m1", "internet", "m2", "gw", "m1", "lan", "m2", "web", "m1");
        List<SegmentSpec> segments = topology.segments().stream()
                .map(s -> new SegmentSpec(s.name(), Optional.of(new Placement(on.get(s.name()))))).toList();
        List<NodeSpec> nodes = topology.nodes().stream().map(n -> new NodeSpec(n.name(), n.kind(), n.interfaces(),
                n.routes(), n.ruleset(), n.sysctls(), n.services(), Optional.of(new Placement(on.get(n.name())))))
                .toList();
        return new Topology(topology.name(), topology.description(), segments, nodes);
    }
}
