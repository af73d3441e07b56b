package io.nflab.topology;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lab's topology as its {@code topology.yaml} describes it: segments and nodes in the order written.
 * Immutable; load one with {@link TopologyLoader}. The runtime builds the lab from it, segments first.
 */
public record Topology(String name, Optional<String> description, List<SegmentSpec> segments, List<NodeSpec> nodes) {

    public Topology {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        segments = List.copyOf(segments);
        nodes = List.copyOf(nodes);
        var names = new HashSet<String>();
        segments.forEach(s -> requireNew(names, s.name()));
        nodes.forEach(n -> requireNew(names, n.name()));
        for (NodeSpec node : nodes) {
            for (InterfaceSpec i : node.interfaces()) {
                if (segments.stream().noneMatch(s -> s.name().equals(i.segment()))) {
                    throw new IllegalArgumentException(node.name() + ":" + i.name() + " attaches to no segment " + i.segment());
                }
            }
        }
    }

    public Optional<NodeSpec> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    public Optional<SegmentSpec> segment(String segmentName) {
        return segments.stream().filter(s -> s.name().equals(segmentName)).findFirst();
    }

    /** The interfaces attached to a segment, in the order of the nodes. */
    public List<Attachment> attachments(String segmentName) {
        return nodes.stream()
                .flatMap(n -> n.interfaces().stream()
                        .filter(i -> i.segment().equals(segmentName))
                        .map(i -> new Attachment(n.name(), i)))
                .toList();
    }

    private static void requireNew(HashSet<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("two segments or nodes named " + name);
        }
    }
}
