package io.nflab.cli;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.diagnostics.UserInputException;
import io.nflab.routing.RouteSpec;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeKind;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated lab of a given number of nodes, for {@code nflab bench --lab-up}: LANs of up to
 * {@value #HOSTS_PER_LAN} hosts, each behind its gateway, and the gateways on one backbone segment with a
 * core gateway that routes between the LANs. LAN {@code i} (from 1) is {@code 10.(i/256).(i%256).0/24},
 * its gateway {@code gw-i} has {@code .1} there and its hosts {@code h-i-j} {@code .(j+1)}, with a default
 * route via their gateway; the backbone is {@code 100.64.0.0/16} ({@code core} {@code .0.1}, {@code gw-i}
 * the {@code i+1}-th address), each gateway's default route goes via the core, and the core has a route to
 * every LAN. No firewall: every node forwards or answers what reaches it.
 */
final class GeneratedLab {
    /** The most hosts one LAN has. */
    static final int HOSTS_PER_LAN = 48;
    /** The fewest nodes a generated lab has: the core, one gateway and one host. */
    static final int MIN_NODES = 3;
    /** The most LANs: as many gateways as the backbone /16 has room for beside the core. */
    static final int MAX_LANS = 65_533;
    /** The most nodes. */
    static final int MAX_NODES = 1 + MAX_LANS * (HOSTS_PER_LAN + 1);

    private static final int BACKBONE = Ipv4Address.parse("100.64.0.0").bits();
    private static final int LANS = Ipv4Address.parse("10.0.0.0").bits();

    private GeneratedLab() {
    }

    /**
     * A lab of exactly {@code nodes} nodes.
     *
     * @throws UserInputException when {@code nodes} is outside {@value #MIN_NODES} to {@link #MAX_NODES}
     */
    static Topology of(int nodes) {
        if (nodes < MIN_NODES || nodes > MAX_NODES) {
            throw new UserInputException("a generated lab has " + MIN_NODES + " to " + MAX_NODES + " nodes, not "
                    + nodes);
        }
        int lans = (nodes - 1 + HOSTS_PER_LAN) / (HOSTS_PER_LAN + 1);
        int hosts = nodes - 1 - lans;
        List<SegmentSpec> segments = new ArrayList<>();
        List<NodeSpec> specs = new ArrayList<>();
        List<RouteSpec> coreRoutes = new ArrayList<>();
        segments.add(SegmentSpec.named("backbone"));
        specs.add(null); // the core, once its routes are known
        for (int lan = 1; lan <= lans; lan++) {
            String segment = "lan-" + lan;
            int subnet = LANS | lan << 8;
            Ipv4Address gateway = Ipv4Address.of(subnet | 1);
            Ipv4Address uplink = Ipv4Address.of(BACKBONE + lan + 1);
            segments.add(SegmentSpec.named(segment));
            coreRoutes.add(RouteSpec.via(Ipv4Prefix.of(Ipv4Address.of(subnet), 24), uplink));
            specs.add(node("gw-" + lan, NodeKind.GATEWAY, List.of(
                            InterfaceSpec.of("eth0", "backbone", new InterfaceAddress(uplink, 16)),
                            InterfaceSpec.of("eth1", segment, new InterfaceAddress(gateway, 24))),
                    RouteSpec.via(Ipv4Prefix.ANY, Ipv4Address.of(BACKBONE + 1))));
            int here = hosts / lans + (lan <= hosts % lans ? 1 : 0);
            for (int host = 1; host <= here; host++) {
                specs.add(node("h-" + lan + "-" + host, NodeKind.HOST, List.of(InterfaceSpec.of("eth0", segment,
                        new InterfaceAddress(Ipv4Address.of(subnet | host + 1), 24))), RouteSpec.via(Ipv4Prefix.ANY,
                        gateway)));
            }
        }
        specs.set(0, new NodeSpec("core", NodeKind.GATEWAY, List.of(InterfaceSpec.of("eth0", "backbone",
                new InterfaceAddress(Ipv4Address.of(BACKBONE + 1), 16))), coreRoutes, Optional.empty(), Map.of(),
                List.of(), Optional.empty()));
        return new Topology("generated-" + nodes, Optional.of("nflab bench: " + nodes + " nodes, " + lans
                + " LANs behind gateways on a backbone"), segments, specs);
    }

    private static NodeSpec node(String name, NodeKind kind, List<InterfaceSpec> interfaces, RouteSpec route) {
        return new NodeSpec(name, kind, interfaces, List.of(route), Optional.empty(), Map.of(), List.of(),
                Optional.empty());
    }
}
