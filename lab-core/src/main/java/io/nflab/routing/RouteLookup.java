package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.link.AddressType;
import io.nflab.link.Errno;
import io.nflab.link.Links;
import io.nflab.link.NetDevice;
import io.nflab.link.Scope;
import java.util.Optional;

/**
 * Route lookups as the kernel makes them: for a locally generated packet ({@code ip_route_output_key}),
 * for a received one ({@code ip_route_input_slow}, {@code ip_route_input_mc}) with source validation
 * ({@code fib_validate_source}: martians and rp_filter), and what an address is ({@code inet_addr_type}).
 * Results are kept per route ({@link RouteResults}) until the configuration changes, so that lookups in
 * steady state allocate nothing.
 */
final class RouteLookup {

    private static final Ipv4Address ALL_HOSTS = Ipv4Address.of(224, 0, 0, 1);
    private static final OutputRoute OUTPUT_EINVAL = new OutputRoute.Failed(Errno.EINVAL);
    private static final OutputRoute OUTPUT_ENETUNREACH = new OutputRoute.Failed(Errno.ENETUNREACH);
    private static final InputRoute MARTIAN_SOURCE = new InputRoute.Martian(InputRoute.Reason.SOURCE);
    private static final InputRoute MARTIAN_DESTINATION = new InputRoute.Martian(InputRoute.Reason.DESTINATION);
    private static final InputRoute MARTIAN_REVERSE_PATH = new InputRoute.Martian(InputRoute.Reason.REVERSE_PATH);
    private static final InputRoute MARTIAN_MULTICAST = new InputRoute.Martian(InputRoute.Reason.MULTICAST);
    private static final InputRoute NET_UNREACHABLE = new InputRoute.Unreachable(Errno.ENETUNREACH, true);
    private static final InputRoute HOST_UNREACHABLE = new InputRoute.Unreachable(Errno.EHOSTUNREACH, true);
    private static final InputRoute PROHIBITED = new InputRoute.Unreachable(Errno.EACCES, true);
    private static final InputRoute BLACKHOLED = new InputRoute.Unreachable(Errno.EINVAL, false);
    private static final InputRoute UNREACHABLE_NOT_FORWARDING = new InputRoute.Unreachable(Errno.EHOSTUNREACH, false);
    private static final InputRoute BROADCAST = new InputRoute.Broadcast();
    private static final InputRoute MULTICAST = new InputRoute.Multicast();
    /** The input device of a locally generated flow (the kernel sets {@code flowi4_iif} to lo). */
    private static final String LOOPBACK = "lo";


    private final Links links;
    private final Fib fib;
    private final IpSysctls sysctls;
    private final RouteResults results = new RouteResults();
    /** Bumped by every change of devices, addresses or routes (sysctls have their own counter). */
    private long generation;

    RouteLookup(Links links, Fib fib, IpSysctls sysctls) {
        this.links = links;
        this.fib = fib;
        this.sysctls = sysctls;
    }

    /** Forgets every kept result: devices, addresses or routes changed. */
    void configurationChanged() {
        generation++;
    }

    /** The kernel's {@code inet_addr_type}: what an address is to this namespace. */
    AddressType addressType(Ipv4Address address) {
        return addressTypeOn(address, 0);
    }

    /** {@code inet_dev_addr_type}: as {@link #addressType}, but LOCAL only for addresses of device {@code ifindex} (0: any). */
    AddressType addressTypeOn(Ipv4Address address, int ifindex) {
        if (isZeroNet(address) || address.isLimitedBroadcast()) {
            return AddressType.BROADCAST;
        }
        if (address.isMulticast()) {
            return AddressType.MULTICAST;
        }
        Route route = fib.lookupTable(address, Scope.GLOBAL, 0, RouteTables.LOCAL);
        if (route == null || route.type().isError() || (ifindex != 0 && route.deviceIndex() != ifindex)) {
            return AddressType.UNICAST;
        }
        return switch (route.type()) {
            case LOCAL -> AddressType.LOCAL;
            case BROADCAST -> AddressType.BROADCAST;
            case MULTICAST -> AddressType.MULTICAST;
            default -> AddressType.UNICAST;
        };
    }

    /**
     * The route of a locally generated packet (the kernel's {@code ip_route_output_key_hash_rcu}). In steady
     * state (no configuration change since the last lookup through the same route) it allocates nothing,
     * unless the caller's source differs from the route's preferred source.
     *
     * @param source the packet's source if the sender chose one (it must be ours), else {@link Ipv4Address#ANY};
     *               {@link OutputRoute.Resolved#source()} is then this source
     * @param oif    the device the sender is bound to, or 0
     */
    OutputRoute routeOutput(Ipv4Address destination, Ipv4Address source, int oif, RouteFlow flow) {
        if (oif != 0 || destination.isAny() || destination.isMulticast() || destination.isLimitedBroadcast()) {
            return routeOutputSlow(destination, source, oif, flow);
        }
        if (!source.isAny()) {
            if (source.isMulticast() || source.isLimitedBroadcast()) {
                return OUTPUT_EINVAL;
            }
            if (addressType(source) != AddressType.LOCAL) {
                return OUTPUT_ENETUNREACH;
            }
        }
        Route route = fib.lookup(destination, Scope.GLOBAL, 0, source, flow, LOOPBACK, "");
        if (route == null) {
            return OUTPUT_ENETUNREACH;
        }
        if (route.type().isError()) {
            return failed(errorOf(route.type()));
        }
        if (route.type() == RouteType.LOCAL && route.preferredSource().isEmpty()) {
            return routeOutputSlow(destination, source, oif, flow);
        }
        RouteResults.Entry entry = results.of(route, generation, sysctls.version());
        if (entry.output == null) {
            entry.output = route.type() == RouteType.LOCAL
                    ? new OutputRoute.Resolved(RouteType.LOCAL, Links.LOOPBACK_INDEX, Optional.empty(),
                            route.preferredSource().get(), true, Optional.of(route))
                    : makeOutput(route, destination, preferredSource(route), route.deviceIndex());
        }
        if (source.isAny() || entry.output instanceof OutputRoute.Resolved resolved && resolved.source().equals(source)) {
            return entry.output;
        }
        return route.type() == RouteType.LOCAL
                ? new OutputRoute.Resolved(RouteType.LOCAL, Links.LOOPBACK_INDEX, Optional.empty(), source, true,
                        Optional.of(route))
                : makeOutput(route, destination, source, route.deviceIndex());
    }

    /** {@link #routeOutput} for bound devices, special destinations and local routes without a source. */
    private OutputRoute routeOutputSlow(Ipv4Address destination, Ipv4Address source, int oif, RouteFlow flow) {
        Ipv4Address daddr = destination;
        Ipv4Address saddr = source;
        int out = oif;
        if (!saddr.isAny()) {
            if (saddr.isMulticast() || saddr.isLimitedBroadcast()) {
                return OUTPUT_EINVAL;
            }
            if (oif == 0 && (daddr.isMulticast() || daddr.isLimitedBroadcast())) {
                int owner = ownerOf(saddr);
                if (owner == 0) {
                    return OUTPUT_ENETUNREACH;
                }
                return makeOutput(null, daddr, saddr, owner);
            }
            if (addressType(saddr) != AddressType.LOCAL) {
                return OUTPUT_ENETUNREACH;
            }
        }
        if (out != 0) {
            Optional<NetDevice> device = links.byIndex(out);
            if (device.isEmpty()) {
                return failed(Errno.ENODEV);
            }
            if (!device.get().adminUp()) {
                return OUTPUT_ENETUNREACH;
            }
            if (isLocalMulticast(daddr) || daddr.isLimitedBroadcast()) {
                if (saddr.isAny()) {
                    saddr = select(device.get(), Ipv4Address.ANY, Scope.LINK);
                }
                return makeOutput(null, daddr, saddr, out);
            }
            if (saddr.isAny()) {
                if (daddr.isMulticast()) {
                    saddr = select(device.get(), Ipv4Address.ANY, Scope.GLOBAL);
                } else if (daddr.isAny()) {
                    saddr = select(device.get(), Ipv4Address.ANY, Scope.HOST);
                }
            }
        }
        if (daddr.isAny()) {
            daddr = saddr;
            if (daddr.isAny()) {
                saddr = Ipv4Address.LOOPBACK;
            }
            return new OutputRoute.Resolved(RouteType.LOCAL, Links.LOOPBACK_INDEX, Optional.empty(), saddr, true,
                    Optional.empty());
        }
        Route route = fib.lookup(daddr, Scope.GLOBAL, out, saddr, flow, LOOPBACK,
                out == 0 ? "" : links.device(out).name());
        if (route == null || route.type().isError()) {
            if (out != 0) {
                if (saddr.isAny()) {
                    saddr = select(links.device(out), Ipv4Address.ANY, Scope.LINK);
                }
                return makeOutput(null, daddr, saddr, out);
            }
            return route == null ? OUTPUT_ENETUNREACH : failed(errorOf(route.type()));
        }
        if (route.type() == RouteType.LOCAL) {
            if (saddr.isAny()) {
                saddr = route.preferredSource().orElse(daddr);
            }
            return new OutputRoute.Resolved(RouteType.LOCAL, Links.LOOPBACK_INDEX, Optional.empty(), saddr, true,
                    Optional.of(route));
        }
        if (saddr.isAny()) {
            saddr = preferredSource(route);
        }
        return makeOutput(route, daddr, saddr, route.deviceIndex());
    }

    /** The kernel's {@code __mkroute_output}. */
    private OutputRoute makeOutput(Route route, Ipv4Address daddr, Ipv4Address saddr, int out) {
        NetDevice device = links.device(out);
        if (!sysctls.routeLocalnet(out) && saddr.isLoopback() && !device.isLoopback()) {
            return OUTPUT_EINVAL;
        }
        RouteType type = route == null ? RouteType.UNICAST : route.type();
        Route via = route;
        if (daddr.isLimitedBroadcast()) {
            type = RouteType.BROADCAST;
        } else if (daddr.isMulticast()) {
            type = RouteType.MULTICAST;
        }
        boolean local = device.isLoopback();
        if (type == RouteType.BROADCAST) {
            local = true;
            via = null;
        } else if (type == RouteType.MULTICAST) {
            local = daddr.equals(ALL_HOSTS);
            if (via != null && via.destination().length() < 4) {
                via = null;
            }
        }
        Optional<Ipv4Address> gateway = via != null && via.usesGateway() ? via.gateway() : Optional.empty();
        return new OutputRoute.Resolved(type, out, gateway, saddr, local, Optional.ofNullable(route));
    }

    /**
     * The route of a packet received on device {@code iif} (the kernel's {@code ip_route_input_slow} with
     * {@code fib_validate_source} and multicast input). In steady state it allocates nothing.
     */
    InputRoute routeInput(Ipv4Address destination, Ipv4Address source, int iif, RouteFlow flow) {
        NetDevice in = links.device(iif);
        if (destination.isMulticast()) {
            return multicastInput(destination, source, iif);
        }
        if (source.isMulticast() || source.isLimitedBroadcast()) {
            return MARTIAN_SOURCE;
        }
        if (destination.isLimitedBroadcast() || (source.isAny() && destination.isAny())) {
            return broadcastInput(source, in);
        }
        if (isZeroNet(source)) {
            return MARTIAN_SOURCE;
        }
        if (isZeroNet(destination)) {
            return MARTIAN_DESTINATION;
        }
        if (destination.isLoopback()) {
            if (!sysctls.routeLocalnet(iif)) {
                return MARTIAN_DESTINATION;
            }
        } else if (source.isLoopback() && !sysctls.routeLocalnet(iif)) {
            return MARTIAN_SOURCE;
        }
        Route route = fib.lookup(destination, Scope.GLOBAL, 0, source, flow, in.name(), "");
        if (route == null || route.type().isError()) {
            if (!sysctls.ipForward()) {
                return UNREACHABLE_NOT_FORWARDING;
            }
            Errno error = route == null ? Errno.ENETUNREACH : errorOf(route.type());
            return error == Errno.ENETUNREACH ? NET_UNREACHABLE
                    : error == Errno.EHOSTUNREACH ? HOST_UNREACHABLE
                    : error == Errno.EACCES ? PROHIBITED
                    : BLACKHOLED;
        }
        if (route.type() == RouteType.BROADCAST) {
            return broadcastInput(source, in);
        }
        if (route.type() == RouteType.LOCAL) {
            int valid = validateSource(source, destination, 0, in, flow);
            if (valid < 0) {
                return martianSource(valid);
            }
            RouteResults.Entry entry = results.of(route, generation, sysctls.version());
            if (entry.local == null) {
                entry.local = new InputRoute.Local(route);
            }
            return entry.local;
        }
        if (!sysctls.ipForward()) {
            return UNREACHABLE_NOT_FORWARDING;
        }
        if (route.type() != RouteType.UNICAST) {
            return MARTIAN_DESTINATION;
        }
        int out = route.deviceIndex();
        int valid = validateSource(source, destination, out, in, flow);
        if (valid < 0) {
            return martianSource(valid);
        }
        boolean redirect = out == iif && valid > 0 && sysctls.sendRedirects(out);
        RouteResults.Entry entry = results.of(route, generation, sysctls.version());
        if (entry.forward == null) {
            OutputRoute.Resolved resolved = new OutputRoute.Resolved(RouteType.UNICAST, out,
                    route.usesGateway() ? route.gateway() : Optional.empty(), preferredSource(route), false,
                    Optional.of(route));
            entry.forward = new InputRoute.Forward(resolved, false);
            entry.forwardWithRedirect = new InputRoute.Forward(resolved, true);
        }
        return redirect ? entry.forwardWithRedirect : entry.forward;
    }

    private InputRoute broadcastInput(Ipv4Address source, NetDevice in) {
        if (!isZeroNet(source)) {
            int valid = validateSource(source, Ipv4Address.ANY, 0, in, RouteFlow.NONE);
            if (valid < 0) {
                return martianSource(valid);
            }
        }
        return BROADCAST;
    }

    /** {@code ip_route_input_mc}: only the all-hosts group is joined. */
    private InputRoute multicastInput(Ipv4Address destination, Ipv4Address source, int iif) {
        if (!destination.equals(ALL_HOSTS)) {
            return MARTIAN_MULTICAST;
        }
        if (source.isMulticast() || source.isLimitedBroadcast()
                || (source.isLoopback() && !sysctls.routeLocalnet(iif))) {
            return MARTIAN_SOURCE;
        }
        if (!isZeroNet(source)) {
            int valid = validateSource(source, Ipv4Address.ANY, 0, links.device(iif), RouteFlow.NONE);
            if (valid < 0) {
                return martianSource(valid);
            }
        }
        return MULTICAST;
    }

    /**
     * The kernel's {@code fib_validate_source}: negative errno (-EINVAL martian, -EXDEV reverse path) to
     * drop; 1 when the source is on-link through {@code in}; 0 otherwise. Its lookups are of the reverse flow:
     * to the source from the destination, input device {@code oif} (lo when 0), mark 0 ({@code src_valid_mark}
     * is 0), ports swapped.
     */
    private int validateSource(Ipv4Address source, Ipv4Address destination, int oif, NetDevice in, RouteFlow flow) {
        int rpf = sysctls.rpFilter(in.index());
        if (rpf == 0 && (in.index() != oif || !sysctls.sendRedirects(in.index()))) {
            if (sysctls.acceptLocal(in.index())) {
                return 0;
            }
            if (!fib.hasCustomLocalRoutes()) {
                return links.isLocalAddress(source) ? -22 : 0;
            }
        }
        RouteFlow reverse = flow.reversed();
        String reverseIn = oif == 0 ? LOOPBACK : links.device(oif).name();
        Route route = fib.lookup(source, Scope.GLOBAL, 0, destination, reverse, reverseIn, "");
        if (route == null || route.type().isError()) {
            return rpf != 0 ? -18 : 0;
        }
        if (route.type() != RouteType.UNICAST
                && (route.type() != RouteType.LOCAL || !sysctls.acceptLocal(in.index()))) {
            return -22;
        }
        boolean devMatch = route.deviceIndex() == in.index() || (route.type() == RouteType.LOCAL && in.isLoopback());
        if (devMatch) {
            return route.nexthopScope().compareTo(Scope.HOST) >= 0 ? 1 : 0;
        }
        if (in.addresses().isEmpty()) {
            return rpf != 0 ? -18 : 0;
        }
        if (rpf == 1) {
            return -18;
        }
        Route back = fib.lookup(source, Scope.GLOBAL, in.index(), destination, reverse, reverseIn, "");
        if (back != null && back.type() == RouteType.UNICAST) {
            return back.nexthopScope().compareTo(Scope.HOST) >= 0 ? 1 : 0;
        }
        return 0;
    }

    private static InputRoute martianSource(int error) {
        return error == -18 ? MARTIAN_REVERSE_PATH : MARTIAN_SOURCE;
    }

    private static OutputRoute failed(Errno error) {
        return error == Errno.ENETUNREACH ? OUTPUT_ENETUNREACH
                : error == Errno.EINVAL ? OUTPUT_EINVAL
                : new OutputRoute.Failed(error);
    }

    /** The route's preferred source: its {@code src}, else the kernel's choice for its next hop. */
    private Ipv4Address preferredSource(Route route) {
        if (route.preferredSource().isPresent()) {
            return route.preferredSource().get();
        }
        NetDevice device = links.device(route.deviceIndex());
        return links.selectAddress(device, route.gateway().orElse(Ipv4Address.ANY), route.scope(),
                sysctls.routeLocalnet(device.index()));
    }

    Ipv4Address select(NetDevice device, Ipv4Address destination, Scope scope) {
        return links.selectAddress(device, destination, scope, sysctls.routeLocalnet(device.index()));
    }

    /** The device holding a local address ({@code __ip_dev_find}), or 0. */
    private int ownerOf(Ipv4Address address) {
        for (NetDevice device : links.devices()) {
            if (device.addresses().stream().anyMatch(a -> a.local().equals(address))) {
                return device.index();
            }
        }
        Route route = fib.lookupTable(address, Scope.GLOBAL, 0, RouteTables.LOCAL);
        return route != null && route.type() == RouteType.LOCAL ? route.deviceIndex() : 0;
    }

    static Errno errorOf(RouteType type) {
        return switch (type) {
            case BLACKHOLE -> Errno.EINVAL;
            case UNREACHABLE -> Errno.EHOSTUNREACH;
            case PROHIBIT -> Errno.EACCES;
            default -> Errno.ENETUNREACH;
        };
    }

    /** The kernel's {@code ipv4_is_zeronet}: since Linux 5.3 only 0.0.0.0 itself (0.0.0.0/8 is usable). */
    static boolean isZeroNet(Ipv4Address address) {
        return address.isAny();
    }

    private static boolean isLocalMulticast(Ipv4Address address) {
        return (address.bits() & 0xffffff00) == 0xe0000000;
    }
}
