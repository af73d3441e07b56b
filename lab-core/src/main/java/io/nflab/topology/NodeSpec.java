package io.nflab.topology;

import io.nflab.routing.RouteSpec;
import io.nflab.routing.RuleSpec;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host or gateway: one network namespace with its interfaces, static routes, netfilter ruleset,
 * sysctls and listening services. A description only; the runtime builds the node's net stack from it.
 *
 * @param sysctls the sysctls the topology sets explicitly (see {@link #effectiveSysctls()})
 * @param ipRules the policy routing rules added after the routes ({@code ip-rules:}, {@code ip rule add} syntax)
 */
public record NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, List<RouteSpec> routes,
        Optional<Ruleset> ruleset, Map<String, String> sysctls, List<ServiceSpec> services,
        Optional<Placement> placement, List<RuleSpec> ipRules) {

    /** A node without policy routing rules (only Linux's default ones). */
    public NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, List<RouteSpec> routes,
            Optional<Ruleset> ruleset, Map<String, String> sysctls, List<ServiceSpec> services,
            Optional<Placement> placement) {
        this(name, kind, interfaces, routes, ruleset, sysctls, services, placement, List.of());
    }

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
        Objects.requireNonNull(ruleset, "ruleset");
        sysctls = Collections.unmodifiableMap(new TreeMap<>(sysctls));
        services = List.copyOf(services);
        Objects.requireNonNull(placement, "placement");
        ipRules = List.copyOf(ipRules);
        var names = new HashSet<String>();
        for (InterfaceSpec i : interfaces) {
            if (!names.add(i.name())) {
                throw new IllegalArgumentException("node " + name + " has two interfaces named " + i.name());
            }
        }
    }

    public Optional<InterfaceSpec> interfaceNamed(String interfaceName) {
        return interfaces.stream().filter(i -> i.name().equals(interfaceName)).findFirst();
    }

    /** The sysctls the node starts with: its kind's (a gateway forwards), then its own, which win. */
    public Map<String, String> effectiveSysctls() {
        var all = new TreeMap<>(kind.sysctls());
        all.putAll(sysctls);
        return Collections.unmodifiableMap(all);
    }
}
