package io.nflab.lab;

import io.nflab.address.MacAddress;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.stack.ConsoleResult;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lab in this thread: one {@link NodeElement} per node, one {@link SegmentSwitch} per segment, and the
 * lab clock. Deterministic and single-threaded. The lab moves from instant to instant: at each, the nodes
 * with something due (a timer, an arriving frame) run in topology order, and the frames they send cross
 * their segment and arrive {@link LabWires#LINK_DELAY_NANOS} later. A call runs until no frame is in flight
 * (and, for a client, until the program exited); timers due later wait for the next call that moves the
 * clock. The actor runtime ({@code io.nflab.runtime.ActorLab}) runs the same elements in the same order.
 * Not thread-safe: one caller at a time.
 */
public final class LocalLab implements LabSession {
    private final Topology topology;
    private final LabWires wires;
    private final List<NodeElement> nodes = new ArrayList<>();
    private final Map<String, NodeElement> byName = new LinkedHashMap<>();
    private final Map<String, SegmentSwitch> segments = new LinkedHashMap<>();
    private final StoryBook book = new StoryBook();
    private long clock;
    private boolean closed;
    private ClientResult finished;

    private LocalLab(Topology topology, Tracing tracing) {
        this.topology = topology;
        this.wires = LabWires.of(topology);
        Map<NodeInterface, MacAddress> macs = LabMacs.of(topology);
        List<NodeSpec> specs = topology.nodes();
        for (int i = 0; i < specs.size(); i++) {
            NodeElement node = new NodeElement(specs.get(i), i, specs.size(), macs, tracing);
            nodes.add(node);
            byName.put(node.name(), node);
        }
        wires.ports().forEach((name, ports) -> segments.put(name, new SegmentSwitch(name, ports)));
    }

    /**
     * Boots every node of {@code topology} with full packet stories ({@link Tracing#HOPS}).
     *
     * @throws io.nflab.diagnostics.UserInputException when a node's ruleset or sysctl is refused
     */
    public static LocalLab start(Topology topology) {
        return start(topology, Tracing.HOPS);
    }

    /** Boots every node of {@code topology}, keeping as much of each packet's story as {@code tracing} says. */
    public static LocalLab start(Topology topology, Tracing tracing) {
        return new LocalLab(Objects.requireNonNull(topology, "topology"), Objects.requireNonNull(tracing, "tracing"));
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long clock() {
        requireOpen();
        return clock;
    }

    @Override
    public Activity send(String node, Ipv4Packet packet) {
        return sendAll(node, List.of(packet));
    }

    @Override
    public Activity sendAll(String node, List<Ipv4Packet> packets) {
        List<Ipv4Packet> batch = List.copyOf(packets);
        NodeElement element = node(node);
        CallRecord call = begin();
        if (!element.isUp()) {
            return call.finish(clock, book, new ConsoleResult(1, "", "nflab: " + node + " is down (crashed)\n"));
        }
        absorb(element.sendAll(batch, clock));
        settle();
        return call.finish(clock, book);
    }

    @Override
    public Activity command(String node, List<String> argv, String stdin) {
        NodeElement element = node(node);
        CallRecord call = begin();
        Execution execution = element.execute(List.copyOf(argv), Objects.requireNonNull(stdin, "stdin"), clock);
        if (execution.done().isPresent()) {
            return call.finish(clock, book, execution.done().get());
        }
        finished = null;
        absorb(execution.run());
        while (finished == null) {
            long next = nextEventTime();
            if (next == Long.MAX_VALUE) {
                throw new IllegalStateException(String.join(" ", argv) + " on " + node + " waits for nothing");
            }
            step(next);
        }
        ClientResult result = finished;
        finished = null;
        settle();
        return call.finish(clock, book, result);
    }

    @Override
    public Activity advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("the lab clock cannot go back: " + nanos);
        }
        CallRecord call = begin();
        long target = clock + nanos < clock ? Long.MAX_VALUE - 1 : clock + nanos;
        for (long next = nextEventTime(); next <= target; next = nextEventTime()) {
            step(next);
        }
        clock = Math.max(clock, target);
        settle();
        return call.finish(clock, book);
    }

    @Override
    public Activity fault(Fault fault) {
        LabChecks.check(topology, fault);
        CallRecord call = begin();
        call.event(LabChecks.event(fault, clock));
        if (fault instanceof Fault.Link link) {
            ConsoleResult result = byName.get(link.node()).console(LabChecks.linkCommand(link), clock);
            if (result.exitCode() != 0) {
                return call.finish(clock, book, result);
            }
        } else if (fault instanceof Fault.Crash crash) {
            absorb(byName.get(crash.node()).crash(clock));
        } else if (fault instanceof Fault.Restart restart) {
            absorb(byName.get(restart.node()).restart(clock));
        } else if (fault instanceof Fault.Loss loss) {
            segments.get(loss.segment()).loss(loss.percent());
        }
        settle();
        return call.finish(clock, book);
    }

    @Override
    public Optional<PacketStory> packet(long id) {
        requireOpen();
        return book.story(id);
    }

    @Override
    public LabSnapshot snapshot() {
        requireOpen();
        Map<String, LabSnapshot.NodeState> states = new LinkedHashMap<>();
        for (NodeElement node : nodes) {
            states.put(node.name(), new LabSnapshot.NodeState(
                    node.console(List.of("iptables-save", "-c"), clock).stdout(),
                    node.console(List.of("conntrack", "-L"), clock).stdout()));
        }
        return new LabSnapshot(clock, states);
    }

    @Override
    public void close() {
        closed = true;
    }

    // ------------------------------------------------------------------------------------- the event loop

    private NodeElement node(String name) {
        requireOpen();
        LabChecks.node(topology, name);
        return byName.get(name);
    }

    private CallRecord begin() {
        requireOpen();
        return new CallRecord(clock, book);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + topology.name() + " is closed");
        }
    }

    /** Runs until no frame is in flight. */
    private void settle() {
        while (inFlight()) {
            step(nextEventTime());
        }
    }

    private boolean inFlight() {
        for (NodeElement node : nodes) {
            if (node.hasArrivals()) {
                return true;
            }
        }
        return false;
    }

    private long nextEventTime() {
        long next = Long.MAX_VALUE;
        for (NodeElement node : nodes) {
            next = Math.min(next, node.nextEventTime());
        }
        return next;
    }

    /** One lab instant: every node with something due runs, in topology order. */
    private void step(long instant) {
        clock = Math.max(clock, instant);
        for (NodeElement node : nodes) {
            if (node.nextEventTime() <= clock) {
                absorb(node.run(clock));
            }
        }
    }

    private void absorb(NodeRun run) {
        book.addAll(run.notes());
        run.finished().ifPresent(result -> finished = result);
        for (Emitted emitted : run.frames()) {
            LabFrame frame = emitted.frame();
            NodeInterface from = new NodeInterface(frame.fromNode(), emitted.iface());
            String segment = wires.segmentOf(from);
            SegmentSwitch.Carried carried = segments.get(segment).carry(from, frame);
            if (carried.lost()) {
                book.addAll(SegmentLoss.notes(segment, frame));
            }
            for (NodeInterface to : carried.to()) {
                byName.get(to.node()).enqueue(new Arrival(frame.sentNanos() + LabWires.LINK_DELAY_NANOS, to.iface(),
                        segment, frame));
            }
        }
    }
}
