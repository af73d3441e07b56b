package io.nflab.lab;

import io.nflab.address.MacAddress;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.packet.Ipv4Packet;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lab's elements wired in this thread, and the lab clock: one {@link NodeElement} per node, one
 * {@link SegmentSwitch} per segment, moved from instant to instant. At each instant the nodes with something
 * due (a timer, an arriving frame) run in topology order, and the frames they send cross their segment and
 * arrive {@link LabWires#LINK_DELAY_NANOS} later. What the elements report (story notes, a client program's
 * end) goes to the {@link Reports}. {@link LocalLab} is a lab call layer over this loop; the benchmarks measure
 * the loop alone. Not thread-safe.
 */
public final class ElementLoop {
    /** Where the elements' reports go. */
    public interface Reports {
        /** Notes for the packets' stories, in the lab's event order. */
        void notes(List<StoryNote> notes);

        /** The client program a console command started has finished. */
        void finished(ClientResult result);
    }

    /** A node interface plugged into its segment, resolved once when the lab is wired. */
    private record Plug(NodeInterface port, String segment, SegmentSwitch segmentSwitch) {
    }

    private final NodeElement[] nodes;
    private final Map<String, NodeElement> byName = new LinkedHashMap<>();
    private final Map<String, SegmentSwitch> segments = new LinkedHashMap<>();
    /** By node index: each interface's plug. */
    private final List<Map<String, Plug>> plugs = new ArrayList<>();
    private final Reports reports;
    private final NodeElement.RunReader absorber = this::absorb;
    private long clock;

    /**
     * Boots every node of {@code topology}, keeping as much of each packet's story as {@code tracing} says.
     *
     * @throws io.nflab.diagnostics.UserInputException when a node's ruleset or sysctl is refused
     */
    public ElementLoop(Topology topology, Tracing tracing, Reports reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
        LabWires wires = LabWires.of(topology);
        Map<NodeInterface, MacAddress> macs = LabMacs.of(topology);
        List<NodeSpec> specs = topology.nodes();
        nodes = new NodeElement[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            NodeElement node = new NodeElement(specs.get(i), i, specs.size(), macs, tracing);
            nodes[i] = node;
            byName.put(node.name(), node);
            plugs.add(new HashMap<>());
        }
        wires.ports().forEach((name, ports) -> segments.put(name, new SegmentSwitch(name, ports)));
        wires.ports().forEach((name, ports) -> ports.forEach(port -> plugs.get(byName.get(port.node()).index())
                .put(port.iface(), new Plug(port, name, segments.get(name)))));
    }

    /** The lab clock, in nanoseconds. */
    public long clock() {
        return clock;
    }

    /** Node {@code name}'s element, or null when the topology has none. */
    public NodeElement node(String name) {
        return byName.get(name);
    }

    /** Every node's element, in topology order. */
    public List<NodeElement> nodes() {
        return List.of(nodes);
    }

    /** Segment {@code name}'s switch, or null when the topology has none. */
    public SegmentSwitch segment(String name) {
        return segments.get(name);
    }

    /** Reports what a node did and puts the frames it sent on their segments. */
    public void absorb(NodeRun run) {
        absorb(run.frames(), run.notes(), run.finished());
    }

    /** Node {@code node} sends {@code packet} (the scenario's {@code send}) now; its frames go on their way. */
    public void send(NodeElement node, Ipv4Packet packet) {
        node.send(packet, clock, absorber);
    }

    /** {@code node}'s stack writes {@code packets} one after the other at the current instant (a batch). */
    public void sendAll(NodeElement node, List<Ipv4Packet> packets) {
        node.sendAll(packets, clock, absorber);
    }

    private void absorb(List<Emitted> frames, List<StoryNote> notes, Optional<ClientResult> finished) {
        if (!notes.isEmpty()) {
            reports.notes(notes);
        }
        if (finished.isPresent()) {
            reports.finished(finished.get());
        }
        for (int i = 0; i < frames.size(); i++) {
            carry(frames.get(i));
        }
    }

    /** Runs until no frame is in flight. */
    public void settle() {
        while (inFlight()) {
            step(nextEventTime());
        }
    }

    /** Runs every event due by {@code target}, then sets the clock to it (if it is later). */
    public void advanceTo(long target) {
        for (long next = nextEventTime(); next <= target; next = nextEventTime()) {
            step(next);
        }
        clock = Math.max(clock, target);
    }

    /** The lab time of the next event (an arrival or a timer) on any node; {@link Long#MAX_VALUE} when none. */
    public long nextEventTime() {
        long next = Long.MAX_VALUE;
        for (NodeElement node : nodes) {
            next = Math.min(next, node.nextEventTime());
        }
        return next;
    }

    /** One lab instant: every node with something due runs, in topology order. */
    public void step(long instant) {
        clock = Math.max(clock, instant);
        for (NodeElement node : nodes) {
            if (node.nextEventTime() <= clock) {
                node.run(clock, absorber);
            }
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

    private void carry(Emitted emitted) {
        LabFrame frame = emitted.frame();
        Plug plug = plugs.get(frame.origin()).get(emitted.iface());
        if (plug == null) {
            throw new IllegalArgumentException(new NodeInterface(frame.fromNode(), emitted.iface())
                    + " is not plugged into any segment");
        }
        SegmentSwitch.Carried carried = plug.segmentSwitch().carry(plug.port(), frame);
        if (carried.lost()) {
            List<StoryNote> lost = SegmentLoss.notes(plug.segment(), frame);
            if (!lost.isEmpty()) {
                reports.notes(lost);
            }
        }
        List<NodeInterface> to = carried.to();
        for (int i = 0; i < to.size(); i++) {
            NodeInterface port = to.get(i);
            byName.get(port.node()).enqueue(new Arrival(frame.sentNanos() + LabWires.LINK_DELAY_NANOS, port.iface(),
                    plug.segment(), frame));
        }
    }
}
