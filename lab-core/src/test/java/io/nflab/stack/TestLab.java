package io.nflab.stack;

import io.nflab.address.MacAddress;
import io.nflab.app.ServiceContext;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.topology.Attachment;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The net stacks of a topology wired back to back by tiny L2 segments: a frame goes to the ports whose
 * MAC it is addressed to, a broadcast to every other port of the segment. Records every frame a node
 * received and every fate.
 */
final class TestLab {
    record Port(String node, String iface) {
    }

    record Received(String node, String iface, EthernetFrame frame) {
    }

    private final Map<String, NetStack> stacks = new LinkedHashMap<>();
    private final Map<Port, String> segmentOf = new LinkedHashMap<>();
    private final Map<String, List<Port>> ports = new LinkedHashMap<>();
    private final Deque<Object[]> queue = new ArrayDeque<>();
    final List<Received> received = new ArrayList<>();
    final List<Fate> fates = new ArrayList<>();
    long now;

    TestLab(Topology topology) {
        Map<NodeInterface, MacAddress> macs = LabMacs.of(topology);
        for (NodeSpec node : topology.nodes()) {
            stacks.put(node.name(), NetStack.boot(node, macs, ServiceContext.of(node.name())));
        }
        topology.segments().forEach(segment -> {
            for (Attachment a : topology.attachments(segment.name())) {
                Port port = new Port(a.node(), a.iface().name());
                segmentOf.put(port, segment.name());
                ports.computeIfAbsent(segment.name(), s -> new ArrayList<>()).add(port);
            }
        });
    }

    static TestLab load(Path topologyFile) {
        return new TestLab(TopologyLoader.load(topologyFile));
    }

    NetStack node(String name) {
        return stacks.get(name);
    }

    String run(String node, String... argv) {
        ConsoleResult r = node(node).command(List.of(argv), "", now);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed: " + r.stderr());
        }
        return r.stdout();
    }

    void send(String node, Ipv4Packet packet) {
        take(node, node(node).send(packet, now));
        pump();
    }

    /** Lets the lab run until {@code nanos} later, firing timers as they fall due. */
    void advance(long nanos) {
        long until = now + nanos;
        while (true) {
            long next = stacks.values().stream().mapToLong(NetStack::nextDeadline).min().orElse(Long.MAX_VALUE);
            if (next > until) {
                break;
            }
            now = Math.max(now, next);
            for (Map.Entry<String, NetStack> e : stacks.entrySet()) {
                if (e.getValue().nextDeadline() <= now) {
                    take(e.getKey(), e.getValue().tick(now));
                }
            }
            pump();
        }
        now = until;
    }

    /** Hands what a program queued on {@code node}'s sockets to its stack. */
    void flush(String node) {
        take(node, node(node).tick(now));
        pump();
    }

    List<Received> receivedAt(String node, String iface) {
        return received.stream().filter(r -> r.node().equals(node) && r.iface().equals(iface)).toList();
    }

    List<Fate> fatesAt(String node) {
        return fates.stream().filter(f -> f.node().equals(node)).toList();
    }

    private void take(String node, StackOutput output) {
        fates.addAll(output.fates());
        for (OutFrame frame : output.frames()) {
            queue.add(new Object[] {new Port(node, frame.iface()), frame.frame()});
        }
    }

    private void pump() {
        int guard = 0;
        while (!queue.isEmpty()) {
            if (++guard > 10_000) {
                throw new AssertionError("the lab does not settle");
            }
            Object[] item = queue.poll();
            Port from = (Port) item[0];
            EthernetFrame frame = (EthernetFrame) item[1];
            for (Port port : ports.get(segmentOf.get(from))) {
                if (port.equals(from)) {
                    continue;
                }
                MacAddress mac = node(port.node()).ip().links().byName(port.iface()).orElseThrow().mac();
                if (frame.destination().equals(MacAddress.BROADCAST) || frame.destination().equals(mac)) {
                    received.add(new Received(port.node(), port.iface(), frame));
                    take(port.node(), node(port.node()).receive(port.iface(), frame, now));
                }
            }
        }
    }
}
