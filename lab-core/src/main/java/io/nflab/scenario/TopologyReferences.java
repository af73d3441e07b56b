package io.nflab.scenario;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlValues;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the names of nodes, interfaces and segments a scenario refers to and checks that the topology
 * defines them. Without a (valid) topology it checks nothing beyond the names' syntax, since the
 * topology's own problems are reported already.
 */
final class TopologyReferences {
    private final Optional<Topology> topology;
    private final Diagnostics problems;

    TopologyReferences(Optional<Topology> topology, Diagnostics problems) {
        this.topology = topology;
        this.problems = problems;
    }

    /** A required node name under {@code key}. */
    Optional<String> node(MappingReader mapping, String key) {
        return mapping.required(key, YamlValues.string()).filter(name -> {
            if (topology.isEmpty() || topology.get().node(name).isPresent()) {
                return true;
            }
            problems.error(mapping.valueLocation(key), "undefined node `" + name + "'; the nodes are: "
                    + topology.get().nodes().stream().map(NodeSpec::name).collect(Collectors.joining(", ")));
            return false;
        });
    }

    /** An interface name under {@code key} (required or not) that the node must have. */
    Optional<String> iface(MappingReader mapping, String key, boolean required, Optional<String> node) {
        Optional<String> name = required
                ? mapping.required(key, YamlValues.string())
                : mapping.optional(key, YamlValues.string());
        return name.filter(iface -> {
            Optional<NodeSpec> spec = node.flatMap(n -> topology.flatMap(t -> t.node(n)));
            if (spec.isEmpty() || spec.get().interfaceNamed(iface).isPresent()) {
                return true;
            }
            problems.error(mapping.valueLocation(key), "node `" + spec.get().name() + "' has no interface `" + iface
                    + "'; its interfaces are: "
                    + spec.get().interfaces().stream().map(InterfaceSpec::name).collect(Collectors.joining(", ")));
            return false;
        });
    }

    /** A required segment name under {@code key}. */
    Optional<String> segment(MappingReader mapping, String key) {
        return mapping.required(key, YamlValues.string()).filter(name -> {
            if (topology.isEmpty() || topology.get().segment(name).isPresent()) {
                return true;
            }
            problems.error(mapping.valueLocation(key), "undefined segment `" + name + "'; the segments are: "
                    + topology.get().segments().stream().map(SegmentSpec::name).collect(Collectors.joining(", ")));
            return false;
        });
    }
}
