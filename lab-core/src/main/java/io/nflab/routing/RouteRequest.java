package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A route as {@code ip route add} sends it to the kernel (the kernel's {@code fib_config}), before the
 * kernel checks it and resolves its next hop.
 *
 * @param device the output device's ifindex ({@code dev}), if given
 * @param onlink {@code onlink}: trust that the gateway is on the device's link
 */
public record RouteRequest(long table, RouteType type, Ipv4Prefix destination, RouteProtocol protocol, Scope scope,
        long metric, Optional<Ipv4Address> gateway, OptionalInt device, Optional<Ipv4Address> preferredSource,
        boolean onlink) {

    public RouteRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(preferredSource, "preferredSource");
        if (metric < 0 || metric > 0xffff_ffffL) {
            throw new IllegalArgumentException("metric out of range: " + metric);
        }
    }

    /**
     * What {@code ip route add} sends for a topology route: its table (main unless given), protocol boot, scope link for a
     * route without gateway (else global), no preferred source.
     */
    public static RouteRequest of(RouteSpec spec, OptionalInt device) {
        Scope scope = spec.type() == RouteType.UNICAST && spec.gateway().isEmpty() ? Scope.LINK : Scope.GLOBAL;
        return new RouteRequest(spec.table(), spec.type(), spec.destination(), RouteProtocol.BOOT, scope,
                spec.metric(), spec.gateway(), device, Optional.empty(), false);
    }
}
