package io.nflab.lab;

import io.nflab.kernel.NodeInterface;
import io.nflab.topology.Attachment;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a topology is cabled: which segment each node interface is plugged into, each segment's ports,
 * and the fixed delay of one segment crossing ({@link #LINK_DELAY_NANOS}).
 */
public final class LabWires {
    /**
     * Every frame takes 10 µs from the sending interface to the receiving ones. A fixed delay keeps the
     * lab deterministic and lets each lab instant be handled node by node (nothing sent at one instant
     * arrives at the same instant); ping across a gateway shows {@code time=0.040 ms}, as on a veth lab.
     */
    public static final long LINK_DELAY_NANOS = 10_000;

    private final Map<NodeInterface, String> segmentOf;
    private final Map<String, List<NodeInterface>> ports;

    private LabWires(Map<NodeInterface, String> segmentOf, Map<String, List<NodeInterface>> ports) {
        this.segmentOf = segmentOf;
        this.ports = ports;
    }

    public static LabWires of(Topology topology) {
        Map<NodeInterface, String> segmentOf = new LinkedHashMap<>();
        Map<String, List<NodeInterface>> ports = new LinkedHashMap<>();
        for (SegmentSpec segment : topology.segments()) {
            List<NodeInterface> list = new ArrayList<>();
            for (Attachment a : topology.attachments(segment.name())) {
                NodeInterface port = new NodeInterface(a.node(), a.iface().name());
                list.add(port);
                segmentOf.put(port, segment.name());
            }
            ports.put(segment.name(), List.copyOf(list));
        }
        return new LabWires(Collections.unmodifiableMap(segmentOf), Collections.unmodifiableMap(ports));
    }

    /** The segment {@code port} is plugged into. */
    public String segmentOf(NodeInterface port) {
        String segment = segmentOf.get(port);
        if (segment == null) {
            throw new IllegalArgumentException(port + " is not plugged into any segment");
        }
        return segment;
    }

    /** Every segment's ports, in topology order. */
    public Map<String, List<NodeInterface>> ports() {
        return ports;
    }
}
