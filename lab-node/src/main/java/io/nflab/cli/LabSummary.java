package io.nflab.cli;

import io.nflab.scenario.Scenario;
import io.nflab.topology.Attachment;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The short description of a valid lab that {@code nflab validate} prints. */
final class LabSummary {

    private LabSummary() {
    }

    /**
     * <pre>
     * lab port-forward: 3 nodes, 2 segments, 4 interfaces, 1 ruleset, 1 scenario
     *   segment internet: client:eth0 203.0.113.10/24, gw:eth0 203.0.113.1/24
     *   node gw (gateway): eth0 203.0.113.1/24, eth1 192.168.1.1/24; ruleset gw.rules
     *   scenario port-forward: 7 steps
     * </pre>
     */
    static String of(Topology topology, List<Scenario> scenarios) {
        long interfaces = topology.nodes().stream().mapToLong(n -> n.interfaces().size()).sum();
        long rulesets = topology.nodes().stream().filter(n -> n.ruleset().isPresent()).count();
        StringBuilder out = new StringBuilder();
        out.append("lab ").append(topology.name()).append(": ")
                .append(count(topology.nodes().size(), "node")).append(", ")
                .append(count(topology.segments().size(), "segment")).append(", ")
                .append(count(interfaces, "interface")).append(", ")
                .append(count(rulesets, "ruleset")).append(", ")
                .append(count(scenarios.size(), "scenario")).append('\n');
        for (SegmentSpec segment : topology.segments()) {
            List<Attachment> attached = topology.attachments(segment.name());
            out.append("  segment ").append(segment.name()).append(": ")
                    .append(attached.isEmpty() ? "no interfaces" : attached.stream()
                            .map(a -> a + " " + a.iface().address()).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        for (NodeSpec node : topology.nodes()) {
            out.append("  node ").append(node.name()).append(" (").append(node.kind().keyword()).append("): ")
                    .append(node.interfaces().stream().map(i -> i.name() + " " + i.address())
                            .collect(Collectors.joining(", ")))
                    .append(details(node)).append('\n');
        }
        for (Scenario scenario : scenarios) {
            out.append("  scenario ").append(scenario.name()).append(": ")
                    .append(count(scenario.steps().size(), "step")).append('\n');
        }
        return out.toString();
    }

    private static String details(NodeSpec node) {
        List<String> parts = new ArrayList<>();
        if (!node.routes().isEmpty()) {
            parts.add(count(node.routes().size(), "route"));
        }
        node.ruleset().ifPresent(r -> parts.add("ruleset " + r.origin()));
        if (!node.services().isEmpty()) {
            parts.add(node.services().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
