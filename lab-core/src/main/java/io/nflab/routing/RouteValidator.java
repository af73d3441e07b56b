package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.link.AddressType;
import io.nflab.link.Errno;
import io.nflab.link.Links;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel's checks of a route before it enters a table ({@code fib_create_info},
 * {@code fib_check_nh}, {@code fib_valid_prefsrc}): scope against type, the next hop resolved through a
 * link-scope route (or declared {@code onlink}), its device up, the preferred source one of ours. The
 * answer is the route with its resolved device and next-hop scope, or a {@link NetlinkException} with
 * the kernel's message.
 */
final class RouteValidator {
    private final Links links;
    private final Fib fib;
    private final RouteLookup lookup;

    RouteValidator(Links links, Fib fib, RouteLookup lookup) {
        this.links = links;
        this.fib = fib;
        this.lookup = lookup;
    }

    Route check(RouteRequest req) {
        Scope minimum = switch (req.type()) {
            case LOCAL -> Scope.HOST;
            case BROADCAST -> Scope.LINK;
            default -> Scope.GLOBAL;
        };
        if (minimum.isNarrowerThan(req.scope())) {
            throw new NetlinkException(Errno.EINVAL, "Invalid scope");
        }
        if (req.type().isError()) {
            if (req.gateway().isPresent() || req.device().isPresent()) {
                throw new NetlinkException(Errno.EINVAL,
                        "Gateway, device and multipath can not be specified for this route type");
            }
            return new Route(table(req), req.type(), req.destination(), req.metric(), req.protocol(), req.scope(),
                    Optional.empty(), OptionalInt.empty(), req.preferredSource(), req.onlink(), Scope.NOWHERE);
        }
        if (req.scope().isNarrowerThan(Scope.HOST)) {
            throw new NetlinkException(Errno.EINVAL, "Invalid scope");
        }
        Route route;
        if (req.scope().equals(Scope.HOST)) {
            if (req.gateway().isPresent()) {
                throw new NetlinkException(Errno.EINVAL, "Route with host scope can not have a gateway");
            }
            int device = existingDevice(req.device());
            route = new Route(table(req), req.type(), req.destination(), req.metric(), req.protocol(), req.scope(),
                    Optional.empty(), OptionalInt.of(device), req.preferredSource(), req.onlink(), Scope.NOWHERE);
        } else if (req.gateway().isPresent()) {
            route = gatewayRoute(req);
        } else {
            if (req.onlink()) {
                throw new NetlinkException(Errno.EINVAL,
                        "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
            }
            int device = existingDevice(req.device());
            if (!links.device(device).adminUp()) {
                throw new NetlinkException(Errno.ENETDOWN, "Device for nexthop is not up");
            }
            route = new Route(table(req), req.type(), req.destination(), req.metric(), req.protocol(), req.scope(),
                    Optional.empty(), OptionalInt.of(device), req.preferredSource(), false, Scope.HOST);
        }
        if (req.preferredSource().isPresent() && !validPreferredSource(req, req.preferredSource().get())) {
            throw new NetlinkException(Errno.EINVAL, "Invalid prefsrc address");
        }
        return route;
    }

    /** The kernel's {@code fib_check_nh_v4_gw}: the gateway must be on a connected subnet (or declared onlink). */
    private Route gatewayRoute(RouteRequest req) {
        Ipv4Address gateway = req.gateway().get();
        if (req.onlink()) {
            if (req.scope().compareTo(Scope.LINK) >= 0) {
                throw new NetlinkException(Errno.EINVAL, "Nexthop has invalid scope");
            }
            if (req.device().isEmpty() || links.byIndex(req.device().getAsInt()).isEmpty()) {
                throw new NetlinkException(Errno.ENODEV, "Nexthop device required for onlink");
            }
            NetDevice device = links.device(req.device().getAsInt());
            if (!device.adminUp()) {
                throw new NetlinkException(Errno.ENETDOWN, "Nexthop device is not up");
            }
            if (lookup.addressType(gateway) != AddressType.UNICAST) {
                throw new NetlinkException(Errno.EINVAL, "Nexthop has invalid gateway");
            }
            return new Route(table(req), req.type(), req.destination(), req.metric(), req.protocol(), req.scope(),
                    req.gateway(), OptionalInt.of(device.index()), req.preferredSource(), true, Scope.LINK);
        }
        Scope flowScope = Scope.of(Math.max(req.scope().value() + 1, Scope.LINK.value()));
        int oif = req.device().orElse(0);
        long table = table(req);
        Route via = null;
        if (table != RouteTables.MAIN && fib.hasTable(table)) {
            via = fib.lookupTable(gateway, flowScope, oif, table);
        }
        if (via == null || via.type().isError()) {
            via = fib.lookup(gateway, flowScope, oif);
        }
        if (via == null || via.type().isError()
                || (via.type() != RouteType.UNICAST && via.type() != RouteType.LOCAL)) {
            throw new NetlinkException(Errno.EINVAL, "Nexthop has invalid gateway");
        }
        NetDevice device = links.device(via.deviceIndex());
        if (!device.adminUp()) {
            throw new NetlinkException(Errno.ENETDOWN);
        }
        return new Route(table, req.type(), req.destination(), req.metric(), req.protocol(), req.scope(), req.gateway(),
                OptionalInt.of(device.index()), req.preferredSource(), false, via.scope());
    }

    /** The kernel's {@code fib_valid_prefsrc}: the preferred source must be one of our addresses. */
    private boolean validPreferredSource(RouteRequest req, Ipv4Address source) {
        if (req.type() == RouteType.LOCAL && req.destination().length() > 0
                && req.destination().network().equals(source)) {
            return true;
        }
        long table = table(req);
        Route found = fib.lookupTable(source, Scope.GLOBAL, 0, table == RouteTables.MAIN ? RouteTables.LOCAL : table);
        if ((found == null || found.type() != RouteType.LOCAL) && table != RouteTables.LOCAL
                && table != RouteTables.MAIN) {
            found = fib.lookupTable(source, Scope.GLOBAL, 0, RouteTables.LOCAL);
        }
        return found != null && found.type() == RouteType.LOCAL;
    }

    private int existingDevice(OptionalInt device) {
        if (device.isEmpty() || links.byIndex(device.getAsInt()).isEmpty()) {
            throw new NetlinkException(Errno.ENODEV);
        }
        return device.getAsInt();
    }

    private static long table(RouteRequest req) {
        return req.table() == 0 ? RouteTables.MAIN : req.table();
    }
}
