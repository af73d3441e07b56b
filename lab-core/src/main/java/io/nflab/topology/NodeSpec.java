package io.nflab.topology;

import io.nflab.routing.RouteSpec;
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
 */
public record NodeSpec(String name, NodeKind kind, List<InterfaceSpec> interfaces, List<RouteSpec> routes,
        Optional<Ruleset> ruleset, Map<String, String> sysctls, List<ServiceSpec> services,
        Optional<Placement> placement) {

    public NodeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
        Objects.requireNonNull(ruleset, "ruleset");
        sysctls = Collections.unmodifiableMap(new TreeMap<>(sysctls));
        services = List.copyOf(services);
        Objects.requireNonNull(placement, "placement");
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
