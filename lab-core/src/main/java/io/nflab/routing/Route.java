package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One route of a table as the kernel keeps it (a {@code fib_alias} with its {@code fib_info}): table, type,
 * destination prefix, metric ({@code priority}), protocol, scope, and for unicast, local and broadcast
 * routes the next hop — gateway and/or device — and preferred source address.
 *
 * @param device       the output device's ifindex; empty for blackhole, unreachable, prohibit and throw
 * @param nexthopScope how far the next hop is: {@code host} for a device route (on-link destination),
 *                     {@code link} for a gateway on a connected subnet, {@code nowhere} for host-scope routes
 */
public record Route(long table, RouteType type, Ipv4Prefix destination, long metric, RouteProtocol protocol,
        Scope scope, Optional<Ipv4Address> gateway, OptionalInt device, Optional<Ipv4Address> preferredSource,
        boolean onlink, Scope nexthopScope) {

    public Route {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(preferredSource, "preferredSource");
        Objects.requireNonNull(nexthopScope, "nexthopScope");
        if (type.isError() && (gateway.isPresent() || device.isPresent())) {
            throw new IllegalArgumentException("a " + type.keyword() + " route has no next hop");
        }
        if (!type.isError() && device.isEmpty()) {
            throw new IllegalArgumentException("a " + type.keyword() + " route needs a device");
        }
    }

    /**
     * Whether packets go to the gateway (the kernel's {@code rt_uses_gateway}): only when the gateway is on
     * a connected subnet; a gateway that is one of our own addresses makes the destination on-link.
     */
    public boolean usesGateway() {
        return gateway.isPresent() && nexthopScope.equals(Scope.LINK);
    }

    /** Where a packet to {@code destination} goes next: the gateway, or the destination itself. */
    public Ipv4Address nextHop(Ipv4Address packetDestination) {
        return usesGateway() ? gateway.get() : packetDestination;
    }

    /** The device's ifindex; only for routes that have one. */
    public int deviceIndex() {
        if (device.isEmpty()) {
            throw new IllegalStateException("a " + type.keyword() + " route has no device");
        }
        return device.getAsInt();
    }
}
