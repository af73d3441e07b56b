package io.nflab.console;

import io.nflab.lab.Columns;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.ServiceSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code nodes} listing: each node with its kind, then one line per interface (name, address, segment)
 * and its services, as the topology describes them ({@code NODE ip addr} shows the live state).
 */
public final class NodesListing {
    private NodesListing() {
    }

    public static List<String> lines(Topology topology) {
        int nameWidth = topology.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(0);
        int ifaceWidth = topology.nodes().stream().flatMap(n -> n.interfaces().stream())
                .mapToInt(i -> i.name().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (NodeSpec node : topology.nodes()) {
            String head = Columns.pad(node.name(), nameWidth) + "  " + Columns.pad(node.kind().keyword(), "gateway".length());
            String blank = " ".repeat(head.length());
            if (node.interfaces().isEmpty()) {
                lines.add(head + "  (no interfaces)");
            }
            for (int i = 0; i < node.interfaces().size(); i++) {
                InterfaceSpec iface = node.interfaces().get(i);
                lines.add((i == 0 ? head : blank) + "  " + Columns.pad(iface.name(), ifaceWidth) + "  " + iface.address()
                        + "  on " + iface.segment() + (iface.up() ? "" : " (down)"));
            }
            if (!node.services().isEmpty()) {
                lines.add(blank + "  services: " + node.services().stream().map(ServiceSpec::toString)
                        .collect(Collectors.joining(", ")));
            }
        }
        return lines;
    }
}
