package io.nflab.bench;

import io.nflab.address.MacAddress;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.lab.Arrival;
import io.nflab.lab.Emitted;
import io.nflab.lab.LabFrame;
import io.nflab.lab.LabWires;
import io.nflab.lab.NodeElement;
import io.nflab.lab.NodeRun;
import io.nflab.lab.SegmentSwitch;
import io.nflab.lab.StoryNote;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure lab elements of a topology wired as {@code LocalLab} wires them (a {@link NodeElement} per node, a
 * {@link SegmentSwitch} per segment, the same instant-by-instant loop), without a story book or activities:
 * what a packet costs in the elements themselves. The notes of the last {@link #send} are kept for checks.
 */
final class PortForwardPath {
    private final LabWires wires;
    private final List<NodeElement> nodes = new ArrayList<>();
    private final Map<String, NodeElement> byName = new HashMap<>();
    private final Map<String, SegmentSwitch> segments = new HashMap<>();
    private final List<StoryNote> notes = new ArrayList<>();
    private long clock;

    PortForwardPath(Topology topology, Tracing tracing) {
        wires = LabWires.of(topology);
        Map<NodeInterface, MacAddress> macs = LabMacs.of(topology);
        List<NodeSpec> specs = topology.nodes();
        for (int i = 0; i < specs.size(); i++) {
            NodeElement node = new NodeElement(specs.get(i), i, specs.size(), macs, tracing);
            nodes.add(node);
            byName.put(node.name(), node);
        }
        wires.ports().forEach((name, ports) -> segments.put(name, new SegmentSwitch(name, ports)));
    }

    NodeElement node(String name) {
        return byName.get(name);
    }

    /** {@code packet} written by {@code node}'s stack, then every instant until no frame is in flight. */
    void send(String node, Ipv4Packet packet) {
        notes.clear();
        absorb(byName.get(node).send(packet, clock));
        while (inFlight()) {
            long next = Long.MAX_VALUE;
            for (NodeElement element : nodes) {
                next = Math.min(next, element.nextEventTime());
            }
            clock = Math.max(clock, next);
            for (NodeElement element : nodes) {
                if (element.nextEventTime() <= clock) {
                    absorb(element.run(clock));
                }
            }
        }
    }

    /** The fates the last {@link #send} reported, in order. */
    List<Fate> ends() {
        return notes.stream().filter(n -> n instanceof StoryNote.Ended).map(n -> ((StoryNote.Ended) n).fate())
                .toList();
    }

    private boolean inFlight() {
        for (NodeElement element : nodes) {
            if (element.hasArrivals()) {
                return true;
            }
        }
        return false;
    }

    private void absorb(NodeRun run) {
        notes.addAll(run.notes());
        for (Emitted emitted : run.frames()) {
            LabFrame frame = emitted.frame();
            NodeInterface from = new NodeInterface(frame.fromNode(), emitted.iface());
            String segment = wires.segmentOf(from);
            SegmentSwitch.Carried carried = segments.get(segment).carry(from, frame);
            for (NodeInterface to : carried.to()) {
                byName.get(to.node()).enqueue(new Arrival(frame.sentNanos() + LabWires.LINK_DELAY_NANOS, to.iface(),
                        segment, frame));
            }
        }
    }
}
