package io.nflab.lab;

import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.Fault;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.stream.Collectors;

/**
 * What every runtime checks before it acts on a lab call: that the node, interface or segment named
 * exists (a {@link UserInputException} naming the word and listing what exists), and the
 * {@link LabEvent} text a fault leaves.
 */
public final class LabChecks {
    private LabChecks() {
    }

    /** The node called {@code name}. */
    public static NodeSpec node(Topology topology, String name) {
        return topology.node(name).orElseThrow(() -> new UserInputException("unknown node '" + name + "' in lab "
                + topology.name() + "; its nodes are: "
                + topology.nodes().stream().map(NodeSpec::name).collect(Collectors.joining(", "))));
    }

    /** Checks that everything {@code fault} names exists. */
    public static void check(Topology topology, Fault fault) {
        if (fault instanceof Fault.Link link) {
            NodeSpec node = node(topology, link.node());
            if (node.interfaceNamed(link.iface()).isEmpty()) {
                throw new UserInputException("node " + node.name() + " has no interface '" + link.iface()
                        + "'; its interfaces are: " + node.interfaces().stream().map(InterfaceSpec::name)
                                .collect(Collectors.joining(", ")));
            }
        } else if (fault instanceof Fault.Crash crash) {
            node(topology, crash.node());
        } else if (fault instanceof Fault.Restart restart) {
            node(topology, restart.node());
        } else if (fault instanceof Fault.Loss loss && topology.segment(loss.segment()).isEmpty()) {
            throw new UserInputException("unknown segment '" + loss.segment() + "' in lab " + topology.name()
                    + "; its segments are: " + topology.segments().stream().map(SegmentSpec::name)
                            .collect(Collectors.joining(", ")));
        }
    }

    /** The event a fault leaves in the activity: {@code gw eth1 link down}, {@code web crashed}, … */
    public static LabEvent event(Fault fault, long nanos) {
        String text;
        if (fault instanceof Fault.Link link) {
            text = link.node() + " " + link.iface() + " link " + (link.up() ? "up" : "down");
        } else if (fault instanceof Fault.Crash crash) {
            text = crash.node() + " crashed";
        } else if (fault instanceof Fault.Restart restart) {
            text = restart.node() + " restarted";
        } else {
            Fault.Loss loss = (Fault.Loss) fault;
            text = "segment " + loss.segment() + " loses " + percent(loss.percent()) + "% of its frames";
        }
        return new LabEvent(nanos, text);
    }

    private static String percent(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }

    /** The console command a link fault runs on its node. */
    public static java.util.List<String> linkCommand(Fault.Link link) {
        return java.util.List.of("ip", "link", "set", "dev", link.iface(), link.up() ? "up" : "down");
    }
}
