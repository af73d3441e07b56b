package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which route {@code ip route del} removes (the kernel's {@code fib_table_delete}): the first route of the
 * table with this prefix that matches every criterion given; an empty criterion matches anything, and so
 * does metric 0.
 */
public record RouteSelector(long table, Ipv4Prefix destination, Optional<RouteType> type, Optional<Scope> scope,
        Optional<RouteProtocol> protocol, OptionalLong metric, Optional<Ipv4Address> gateway, OptionalInt device,
        Optional<Ipv4Address> preferredSource) {

    public RouteSelector {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(preferredSource, "preferredSource");
    }

    /** Any route of the main table with this prefix. */
    public static RouteSelector of(Ipv4Prefix destination) {
        return new RouteSelector(RouteTables.MAIN, destination, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    boolean matches(Route r) {
        return r.table() == table
                && type.map(t -> t == r.type()).orElse(true)
                && scope.map(s -> s.equals(Scope.NOWHERE) || s.equals(r.scope())).orElse(true)
                && protocol.map(p -> p.value() == 0 || p.equals(r.protocol())).orElse(true)
                && (metric.isEmpty() || metric.getAsLong() == 0 || metric.getAsLong() == r.metric())
                && (device.isEmpty() || r.device().equals(device))
                && gateway.map(g -> r.gateway().equals(Optional.of(g))).orElse(true)
                && preferredSource.map(s -> r.preferredSource().equals(Optional.of(s))).orElse(true);
    }
}
