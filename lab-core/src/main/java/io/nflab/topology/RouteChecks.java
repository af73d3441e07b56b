package io.nflab.topology;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.routing.RouteSpec;
import io.nflab.yaml.YamlScalar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a node's static routes against its interfaces the way the kernel does when they are added:
 * the device exists, the gateway is on a connected subnet (the node's own address counts: the
 * kernel accepts it), and no
 * route (the connected ones included) has the same destination and metric.
 */
final class RouteChecks {
    /** A route and the scalar it was written in, to point at its words. */
    record WrittenRoute(RouteSpec route, YamlScalar text) {
    }

    private record Key(Ipv4Prefix destination, long metric, long table) {
    }

    private final String node;
    private final List<InterfaceSpec> interfaces;
    private final Diagnostics problems;

    RouteChecks(String node, List<InterfaceSpec> interfaces, Diagnostics problems) {
        this.node = node;
        this.interfaces = interfaces;
        this.problems = problems;
    }

    void check(List<WrittenRoute> routes) {
        Map<Key, String> existing = new HashMap<>();
        for (InterfaceSpec i : interfaces) {
            if (i.address().prefixLength() < 32) {
                existing.putIfAbsent(new Key(i.address().subnet(), 0, io.nflab.routing.RouteTables.MAIN), "the connected route of " + i.name());
            }
        }
        for (WrittenRoute written : routes) {
            if (deviceExists(written) && gatewayIsReachable(written)) {
                RouteSpec route = written.route();
                String first = existing.putIfAbsent(new Key(route.destination(), route.metric(), route.table()),
                        "the route at line " + written.text().location().line());
                if (first != null) {
                    problems.error(written.text().location(), "route `" + written.text().text()
                            + "': a route to " + route.destination() + " with metric " + route.metric()
                            + " already exists (" + first + "); the kernel answers `File exists'");
                }
            }
        }
    }

    private boolean deviceExists(WrittenRoute written) {
        Optional<String> device = written.route().device();
        if (device.isEmpty() || interfaces.stream().anyMatch(i -> i.name().equals(device.get()))) {
            return true;
        }
        problems.error(wordAfter(written.text(), "dev"), "route `" + written.text().text() + "': node `" + node
                + "' has no interface `" + device.get() + "'; its interfaces are: " + interfaceNames());
        return false;
    }

    private boolean gatewayIsReachable(WrittenRoute written) {
        Optional<Ipv4Address> gateway = written.route().gateway();
        if (gateway.isEmpty()) {
            return true;
        }
        List<InterfaceSpec> candidates = written.route().device()
                .map(d -> interfaces.stream().filter(i -> i.name().equals(d)).toList())
                .orElse(interfaces);
        SourceLocation at = wordAfter(written.text(), "via");
        if (candidates.stream().anyMatch(i -> i.address().subnet().contains(gateway.get()))) {
            return true;
        }
        String where = written.route().device().isPresent()
                ? "the subnet of " + subnets(candidates)
                : "the subnet of any interface of node `" + node + "' (" + subnets(candidates) + ")";
        problems.error(at, "route `" + written.text().text() + "': gateway " + gateway.get() + " is not inside "
                + where + "; the kernel answers `Nexthop has invalid gateway'");
        return false;
    }

    private String interfaceNames() {
        return interfaces.stream().map(InterfaceSpec::name).collect(Collectors.joining(", "));
    }

    private static String subnets(List<InterfaceSpec> candidates) {
        return candidates.stream().map(i -> i.name() + " " + i.address().subnet()).collect(Collectors.joining(", "));
    }

    /** The place of the word after {@code keyword} in the route text (the route's start if not found). */
    private static SourceLocation wordAfter(YamlScalar text, String keyword) {
        Matcher m = Pattern.compile("(?:^|\\s)" + keyword + "\\s+(\\S+)").matcher(text.text());
        return m.find() ? text.locationAt(m.start(1)) : text.location();
    }
}
