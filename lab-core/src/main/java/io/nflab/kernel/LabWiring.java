package io.nflab.kernel;

import io.nflab.address.MacAddress;
import io.nflab.routing.RouteSpec;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a topology out of namespaces, in this order: the switch namespace and one namespace per
 * node; their baseline sysctls and the nodes' own sysctls that concern no particular interface; one
 * bridge per segment (STP off, forward delay 0, multicast snooping off); one veth pair per node
 * interface, created straight into the node and switch namespaces with their fixed MACs and attached
 * to the segment's bridge; then per node loopback up, addresses, links up (unless the topology says
 * down), routes, the interfaces' neighbour settings, per-interface sysctls, and last the ruleset
 * through {@code iptables-restore}.
 * Nothing is ever created in the machine's own namespace. Every namespace created is added to the
 * caller's list at once, so that the caller can delete them all when a later step fails.
 */
final class LabWiring {

    private static final Pattern RESTORE_LINE = Pattern.compile("line:? (\\d+)");

    /** The namespaces of a built lab. */
    record Namespaces(Netns switchNamespace, Map<String, Netns> nodes) {
    }

    private final Topology topology;
    private final LabNames names;
    private final Map<NodeInterface, MacAddress> macs;
    private final EtcOverlay etc;
    private final List<Netns> created;

    private LabWiring(Topology topology, LabNames names, Map<NodeInterface, MacAddress> macs, EtcOverlay etc,
            List<Netns> created) {
        this.topology = topology;
        this.names = names;
        this.macs = macs;
        this.etc = etc;
        this.created = created;
    }

    static Namespaces build(Topology topology, LabNames names, Map<NodeInterface, MacAddress> macs, EtcOverlay etc,
            List<Netns> created) {
        return new LabWiring(topology, names, macs, etc, created).build();
    }

    private Namespaces build() {
        Netns switchNamespace = create(names.switchNamespace(), EtcOverlay.NONE);
        Map<String, Netns> nodes = new LinkedHashMap<>();
        for (NodeSpec node : topology.nodes()) {
            nodes.put(node.name(), create(names.nodeNamespace(node.name()), etc));
        }
        LabSysctls.applyBaseline(switchNamespace, LabSysctls.switchBaseline());
        for (NodeSpec node : topology.nodes()) {
            Netns netns = nodes.get(node.name());
            LabSysctls.applyBaseline(netns, LabSysctls.nodeBaseline());
            node.effectiveSysctls().forEach((key, value) -> {
                if (!LabSysctls.needsInterfaces(key)) {
                    LabSysctls.applyTopology(netns, node.name(), key, value);
                }
            });
        }
        switchNamespace.ipBatch(switchCommands(nodes));
        for (NodeSpec node : topology.nodes()) {
            Netns netns = nodes.get(node.name());
            netns.ipBatch(nodeCommands(node));
            LabSysctls.applyBaseline(netns, LabSysctls.neighbourBaseline(
                    node.interfaces().stream().map(InterfaceSpec::name).toList()));
            node.effectiveSysctls().forEach((key, value) -> {
                if (LabSysctls.needsInterfaces(key)) {
                    LabSysctls.applyTopology(netns, node.name(), key, value);
                }
            });
            node.ruleset().ifPresent(ruleset -> restore(netns, node.name(), ruleset));
        }
        return new Namespaces(switchNamespace, Collections.unmodifiableMap(nodes));
    }

    private Netns create(String name, EtcOverlay overlay) {
        Netns netns = Netns.createNamed(name, overlay);
        created.add(netns);
        return netns;
    }

    private List<String> switchCommands(Map<String, Netns> nodes) {
        List<String> commands = new ArrayList<>();
        List<SegmentSpec> segments = topology.segments();
        for (int s = 0; s < segments.size(); s++) {
            commands.add("link add " + LabNames.bridge(s) + " type bridge stp_state 0 forward_delay 0 mcast_snooping 0");
            commands.add("link set " + LabNames.bridge(s) + " up");
        }
        List<NodeSpec> specs = topology.nodes();
        for (int n = 0; n < specs.size(); n++) {
            NodeSpec node = specs.get(n);
            for (int i = 0; i < node.interfaces().size(); i++) {
                InterfaceSpec iface = node.interfaces().get(i);
                String port = LabNames.port(n, i);
                commands.add("link add " + iface.name() + " netns " + nodes.get(node.name()).name()
                        + " address " + macs.get(new NodeInterface(node.name(), iface.name()))
                        + " type veth peer name " + port + " address " + LabMacs.bridgeSide(n, i));
                commands.add("link set " + port + " master " + LabNames.bridge(segmentIndex(iface.segment())));
                commands.add("link set " + port + " up");
            }
        }
        return commands;
    }

    private static List<String> nodeCommands(NodeSpec node) {
        List<String> commands = new ArrayList<>();
        commands.add("link set lo up");
        for (InterfaceSpec iface : node.interfaces()) {
            commands.add("address add " + iface.address() + " dev " + iface.name());
            if (iface.up()) {
                commands.add("link set " + iface.name() + " up");
            }
        }
        for (RouteSpec route : node.routes()) {
            commands.add("route add " + route);
        }
        node.ipRules().forEach(rule -> commands.add("rule add " + rule));
        return commands;
    }

    private int segmentIndex(String segment) {
        for (int s = 0; s < topology.segments().size(); s++) {
            if (topology.segments().get(s).name().equals(segment)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no segment " + segment);
    }

    /** Loads the ruleset; a refused line is reported at its place in the ruleset's file. */
    private static void restore(Netns netns, String node, Ruleset ruleset) {
        ProcessResult result = netns.exec(List.of("iptables-restore"), ruleset.text(), Netns.DEFAULT_TIMEOUT);
        if (result.succeeded()) {
            return;
        }
        String stderr = result.stderr().strip();
        Matcher line = RESTORE_LINE.matcher(stderr);
        String place = line.find()
                ? ruleset.start().file() + ":" + (ruleset.start().line() + Integer.parseInt(line.group(1)) - 1) + ": "
                : ruleset.start().file() + ": ";
        throw new KernelLabException(place + "node " + node + ": the kernel refused the ruleset (" + ruleset.origin()
                + "): iptables-restore exited with " + result.exitCode() + ": " + stderr.replace('\n', ' '));
    }
}
