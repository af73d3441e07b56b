package io.nflab.bench;

import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.lab.PacketStory;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import io.nflab.stack.Fate;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One packet of an ESTABLISHED flow crossing port-forward (topologies/port-forward): client → internet →
 * gw (conntrack, DNAT, FORWARD, POSTROUTING) → lan → web, where web's socket takes it. Setup opens a real
 * connection: client SYN to 203.0.113.1:80 (DNAT to web:8080), web's SYN/ACK, the client's ACK; the client
 * has no socket, so its RST is dropped by a client OUTPUT rule, as one does with a hand-made handshake. The
 * measured packet is the client's pure ACK of that connection, again and again (web's socket ignores a
 * duplicate ACK, so nothing answers: one packet, two segment crossings, three stacks). Tracing.ENDS.
 *
 * <ul>
 *   <li>{@code elements}: the pure elements ({@link PortForwardPath}: NodeElement, NetStack, SegmentSwitch,
 *       LocalLab's loop) without story book or activity;</li>
 *   <li>{@code localLab}: {@link LocalLab#send}, the whole lab call (story book, activity), on a lab made
 *       afresh for every iteration (as when LocalLab kept every packet's story);</li>
 *   <li>{@code localLabSteady}: the same on one lab for the whole run: with Tracing.ENDS the lab keeps only
 *       its most recent stories, so it does not grow.</li>
 * </ul>
 * See docs/benchmarks.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Thread)
public class ForwardingBenchmark {
    private static final String CLIENT = "203.0.113.10:40000";
    private static final String PUBLIC = "203.0.113.1:80";

    private PortForwardPath path;
    private LocalLab lab;
    private Ipv4Packet ack;

    @Setup(Level.Iteration)
    public void connect() {
        Topology topology = portForward();
        lab = LocalLab.start(topology, Tracing.ENDS);
        ack = handshake(lab);
        check(lab.send("client", ack).packets());

        path = new PortForwardPath(topology, Tracing.ENDS);
        dropClientResets(path.node("client").console(RESET_DROP, 0).exitCode());
        path.send("client", syn());
        long serverSequence = ((TcpSegment) path.ends().stream().filter(f -> f instanceof Fate.Delivered d
                && d.node().equals("client")).map(f -> ((Fate.Delivered) f).packet()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no SYN/ACK reached the client: " + path.ends()))
                .transport()).sequence();
        path.send("client", ack(serverSequence));
        path.send("client", ack(serverSequence));
        List<Fate> ends = path.ends();
        if (ends.size() != 1 || !(ends.get(0) instanceof Fate.Delivered d) || !d.node().equals("web")) {
            throw new IllegalStateException("the ACK should end delivered on web, alone: " + ends);
        }
    }

    @Benchmark
    public Object elements() {
        path.send("client", ack);
        return path;
    }

    @Benchmark
    public Activity localLab() {
        return lab.send("client", ack);
    }

    /** One lab, connected once, for the whole run. */
    @State(Scope.Benchmark)
    public static class SteadyLab {
        LocalLab lab;
        Ipv4Packet ack;

        @Setup(Level.Trial)
        public void connect() {
            lab = LocalLab.start(portForward(), Tracing.ENDS);
            ack = handshake(lab);
            check(lab.send("client", ack).packets());
        }
    }

    @Benchmark
    public Activity localLabSteady(SteadyLab steady) {
        return steady.lab.send("client", steady.ack);
    }

    private static final List<String> RESET_DROP = List.of("iptables", "-A", "OUTPUT", "-p", "tcp", "--tcp-flags",
            "RST", "RST", "-j", "DROP");

    private static Ipv4Packet handshake(LabSession lab) {
        dropClientResets(lab.command("client", RESET_DROP, "").exitCode());
        PacketStory synAck = lab.send("client", syn()).packets().stream()
                .filter(story -> story.origin().equals("web")).findFirst()
                .orElseThrow(() -> new IllegalStateException("web did not answer the SYN"));
        return ack(((TcpSegment) synAck.packet().transport()).sequence());
    }

    private static void dropClientResets(int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("iptables on client failed: " + exitCode);
        }
    }

    private static void check(List<PacketStory> stories) {
        if (stories.size() != 1 || !(stories.get(0).ends().get(0) instanceof Fate.Delivered d)
                || !d.node().equals("web")) {
            throw new IllegalStateException("the ACK should end delivered on web, alone: " + stories);
        }
    }

    private static Ipv4Packet syn() {
        return PacketText.parse("tcp " + CLIENT + " > " + PUBLIC + " flags S seq 1000");
    }

    private static Ipv4Packet ack(long serverSequence) {
        return PacketText.parse("tcp " + CLIENT + " > " + PUBLIC + " flags A seq 1001 ack " + (serverSequence + 1));
    }

    private static Topology portForward() {
        Path file = Path.of("topologies/port-forward/topology.yaml");
        return TopologyLoader.load(Files.exists(file) ? file : Path.of("..").resolve(file));
    }
}
