package io.nflab.routing;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.address.MacAddress;
import io.nflab.link.AddressType;
import io.nflab.link.Errno;
import io.nflab.link.IfAddress;
import io.nflab.link.LinkPeer;
import io.nflab.link.LinkTable;
import io.nflab.link.Links;
import io.nflab.link.NeighbourAction;
import io.nflab.link.NeighbourConfig;
import io.nflab.link.NeighbourContext;
import io.nflab.link.NeighbourTable;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The IPv4 state of one network namespace — devices and addresses, neighbours, routing tables and the
 * routing sysctls — kept consistent the way the kernel keeps it: adding an address adds its local,
 * broadcast and connected routes; a device going down takes its routes and neighbours with it (and only
 * the connected routes come back when it is up again); deleting a primary address deletes its
 * secondaries. Every change goes through here so that this holds; reads go through {@link #links()},
 * {@link #fib()}, {@link #neighbours()} and {@link #sysctls()}.
 *
 * <p>Route lookups are the per-packet operations: {@link #routeOutput} for locally generated packets,
 * {@link #routeInput} for received ones (with reverse-path filtering), both after the kernel's
 * {@code ip_route_output_key} and {@code ip_route_input_slow}. Configuration errors are thrown as
 * {@link NetlinkException}s carrying what the kernel answers. Not thread-safe: one owner.
 *
 * @param <P> the packet type of the owner, kept opaque by the neighbour table
 */
public final class IpNamespace<P> {

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

    private final LinkTable links = new LinkTable();
    private final Fib fib = new Fib();
    private final IpSysctls sysctls = new IpSysctls();
    private final NeighbourTable<P> neighbours;
    /** Lookup results per route, valid while neither the configuration nor the sysctls change. */
    private final RouteResults results = new RouteResults();
    /** Bumped by every change of devices, addresses or routes. */
    private long generation;

    private IpNamespace(NeighbourConfig config) {
        sysctls.deviceCreated(Links.LOOPBACK_INDEX);
        neighbours = new NeighbourTable<>(new Context(), config);
    }

    private void changed() {
        generation++;
    }

    /** A namespace as {@code ip netns add} makes it: only {@code lo}, down, without an address. */
    public static <P> IpNamespace<P> fresh(NeighbourConfig config) {
        return new IpNamespace<>(config);
    }

    /** A namespace whose {@code lo} is up with 127.0.0.1/8, as every lab node starts. */
    public static <P> IpNamespace<P> create(NeighbourConfig config) {
        IpNamespace<P> namespace = new IpNamespace<>(config);
        namespace.setLinkUp(Links.LOOPBACK_INDEX, true, 0, action -> {
            throw new IllegalStateException("a new namespace has no neighbours: " + action);
        });
        return namespace;
    }

    /** {@link #create(NeighbourConfig)} with Linux's neighbour defaults. */
    public static <P> IpNamespace<P> create() {
        return create(NeighbourConfig.LINUX_DEFAULTS);
    }

    public Links links() {
        return links;
    }

    public Fib fib() {
        return fib;
    }

    public IpSysctls sysctls() {
        return sysctls;
    }

    public NeighbourTable<P> neighbours() {
        return neighbours;
    }

    // --- devices ---------------------------------------------------------------------------------------

    /** Adds an Ethernet device (down) with the next ifindex; it takes the {@code conf.default} sysctls. */
    public NetDevice addEthernet(String name, MacAddress mac, Optional<LinkPeer> peer) {
        changed();
        NetDevice device = links.addEthernet(name, mac, peer);
        sysctls.deviceCreated(device.index());
        return device;
    }

    /** Adds an Ethernet device (down) with the given ifindex. */
    public NetDevice addEthernet(String name, int ifindex, MacAddress mac, Optional<LinkPeer> peer) {
        changed();
        NetDevice device = links.addEthernet(name, ifindex, mac, peer);
        sysctls.deviceCreated(device.index());
        return device;
    }

    /** The device named {@code name}, which must exist. */
    public NetDevice device(String name) {
        return links.byName(name).orElseThrow(() -> new IllegalArgumentException("no device named " + name));
    }

    /**
     * {@code ip link set DEV up|down}. Up: the routes of its addresses appear. Down: every route through it
     * goes, except host-scope ones (local addresses stay reachable), as does every neighbour entry, permanent
     * ones included; their waiting packets are dropped (reported to {@code actions}).
     */
    public void setLinkUp(int ifindex, boolean up, long now, Consumer<NeighbourAction<P>> actions) {
        changed();
        NetDevice before = links.device(ifindex);
        if (before.adminUp() == up) {
            return;
        }
        NetDevice device = links.setAdminUp(ifindex, up);
        if (up) {
            for (IfAddress address : device.addresses()) {
                addAddressRoutes(device, address);
            }
        } else {
            fib.removeIf(r -> r.device().equals(OptionalInt.of(ifindex)) && !r.nexthopScope().equals(Scope.NOWHERE));
            neighbours.flushDevice(ifindex, false, actions);
        }
    }

    /**
     * Whether the far end of the device's link is there. Losing it keeps the routes (they show
     * {@code linkdown} and are still used, as {@code ignore_routes_with_linkdown} is 0) and flushes the
     * device's neighbours except permanent ones.
     */
    public void setCarrier(int ifindex, boolean carrier, long now, Consumer<NeighbourAction<P>> actions) {
        changed();
        NetDevice before = links.device(ifindex);
        if (before.isLoopback() || before.carrier() == carrier) {
            return;
        }
        links.setCarrier(ifindex, carrier);
        if (!carrier && before.adminUp()) {
            neighbours.flushDevice(ifindex, true, actions);
        }
    }

    /**
     * {@code ip link set DEV mtu N}.
     *
     * @throws NetlinkException EINVAL outside the device's range, as the kernel says it
     */
    public void setMtu(int ifindex, int mtu) {
        NetDevice device = links.device(ifindex);
        if (mtu < device.type().minMtu()) {
            throw new NetlinkException(Errno.EINVAL, "mtu less than device minimum");
        }
        if (mtu > device.type().maxMtu()) {
            throw new NetlinkException(Errno.EINVAL, "mtu greater than device maximum");
        }
        links.setMtu(ifindex, mtu);
    }

    /**
     * {@code ip link set DEV address MAC}: the device's neighbour entries are flushed, permanent ones included
     * ({@code neigh_changeaddr}).
     *
     * @throws NetlinkException EADDRNOTAVAIL for a multicast or all-zero MAC
     */
    public void setMac(int ifindex, MacAddress mac, long now, Consumer<NeighbourAction<P>> actions) {
        changed();
        if (mac.isMulticast() || mac.equals(MacAddress.ZERO)) {
            throw new NetlinkException(Errno.EADDRNOTAVAIL);
        }
        if (!links.device(ifindex).mac().equals(mac)) {
            links.setMac(ifindex, mac);
            neighbours.flushDevice(ifindex, false, actions);
        }
    }

    /** {@code ip link set DEV arp on|off}; on an up device a change flushes its neighbour entries. */
    public void setArp(int ifindex, boolean arp, long now, Consumer<NeighbourAction<P>> actions) {
        changed();
        NetDevice before = links.device(ifindex);
        if (before.noArp() == !arp) {
            return;
        }
        links.setNoArp(ifindex, !arp);
        if (before.adminUp()) {
            neighbours.flushDevice(ifindex, false, actions);
        }
    }

    // --- addresses -------------------------------------------------------------------------------------

    /** {@code ip addr add A/N dev D}: global scope (host scope for 127.0.0.0/8), no broadcast. */
    public IfAddress addAddress(int ifindex, InterfaceAddress address) {
        Scope scope = address.address().isLoopback() ? Scope.HOST : Scope.GLOBAL;
        return addAddress(ifindex, address, scope, Optional.empty());
    }

    /**
     * {@code ip addr add A/N [brd B] [scope S] dev D}, with its routes (the kernel's {@code fib_add_ifaddr}).
     *
     * @throws NetlinkException EEXIST when the device has the address already
     */
    public IfAddress addAddress(int ifindex, InterfaceAddress address, Scope scope, Optional<Ipv4Address> broadcast) {
        changed();
        IfAddress added = links.insertAddress(ifindex, address, scope, broadcast);
        addAddressRoutes(links.device(ifindex), added);
        return added;
    }

    /**
     * {@code ip addr del}: removes the address; a primary takes its secondaries with it (first, as the
     * kernel does, since {@code promote_secondaries} is 0). Their routes go; when the device has no
     * address left, every route through it goes too.
     *
     * @return the addresses removed, in the order they went
     */
    public List<IfAddress> deleteAddress(int ifindex, IfAddress address, long now,
            Consumer<NeighbourAction<P>> actions) {
        changed();
        List<IfAddress> gone = new java.util.ArrayList<>();
        if (!address.secondary()) {
            for (IfAddress secondary : links.secondariesOf(ifindex, address)) {
                removeOneAddress(ifindex, secondary, now, actions);
                gone.add(secondary);
            }
        }
        removeOneAddress(ifindex, address, now, actions);
        gone.add(address);
        return gone;
    }

    private void removeOneAddress(int ifindex, IfAddress address, long now, Consumer<NeighbourAction<P>> actions) {
        links.removeAddress(ifindex, address);
        NetDevice device = links.device(ifindex);
        deleteAddressRoutes(device, address);
        if (device.addresses().isEmpty()) {
            fib.removeIf(r -> r.device().equals(OptionalInt.of(ifindex)));
            neighbours.flushDevice(ifindex, false, actions);
        }
    }

    /** The kernel's {@code fib_add_ifaddr} (kernels since 5.19 add no network-address broadcast route). */
    private void addAddressRoutes(NetDevice device, IfAddress ifa) {
        Optional<IfAddress> primary = ifa.secondary() ? links.primaryOf(device, ifa) : Optional.of(ifa);
        if (primary.isEmpty()) {
            return;
        }
        IfAddress prim = primary.get();
        magicAdd(RouteType.LOCAL, Ipv4Prefix.of(ifa.local(), 32), prim, device);
        if (!device.adminUp()) {
            return;
        }
        ifa.broadcast().filter(b -> !b.isLimitedBroadcast() && !b.isAny())
                .ifPresent(b -> magicAdd(RouteType.BROADCAST, Ipv4Prefix.of(b, 32), prim, device));
        Ipv4Prefix subnet = ifa.subnet();
        if (!isZeroNet(subnet.network()) && !ifa.secondary()
                && (!subnet.network().equals(ifa.local()) || ifa.prefixLength() < 32)) {
            magicAdd(device.isLoopback() ? RouteType.LOCAL : RouteType.UNICAST, subnet, prim, device);
            if (ifa.prefixLength() < 31) {
                magicAdd(RouteType.BROADCAST, Ipv4Prefix.of(subnet.broadcast(), 32), prim, device);
            }
        }
    }

    /** The kernel's {@code fib_del_ifaddr} (no promotion of secondaries). */
    private void deleteAddressRoutes(NetDevice device, IfAddress ifa) {
        IfAddress prim = ifa;
        boolean subnet = false;
        Ipv4Prefix net = ifa.subnet();
        Ipv4Address brd = net.broadcast();
        if (ifa.secondary()) {
            Optional<IfAddress> primary = links.primaryOf(device, ifa);
            if (primary.isEmpty()) {
                return;
            }
            prim = primary.get();
        } else if (!isZeroNet(net.network()) && (!net.network().equals(ifa.local()) || ifa.prefixLength() < 32)) {
            magicDelete(device.isLoopback() ? RouteType.LOCAL : RouteType.UNICAST, net, prim, device);
            subnet = true;
        }
        boolean localOk = false;
        boolean brdOk = false;
        boolean brd1Ok = false;
        boolean samePrefsrc = false;
        IfAddress prim1 = null;
        Ipv4Address ifaBroadcast = ifa.broadcast().orElse(Ipv4Address.ANY);
        for (IfAddress ifa1 : device.addresses()) {
            if (ifa1.secondary()) {
                if (ifa1.sameSubnet(prim)) {
                    prim1 = prim;
                } else {
                    if (!samePrefsrc) {
                        continue;
                    }
                    if (prim1 == null || !ifa1.sameSubnet(prim1)) {
                        prim1 = links.primaryOf(device, ifa1).orElse(null);
                    }
                    if (prim1 == null || !prim1.local().equals(prim.local())) {
                        continue;
                    }
                }
            } else {
                if (!prim.local().equals(ifa1.local())) {
                    continue;
                }
                prim1 = ifa1;
                if (!prim.equals(prim1)) {
                    samePrefsrc = true;
                }
            }
            Ipv4Address ifa1Broadcast = ifa1.broadcast().orElse(Ipv4Address.ANY);
            localOk |= ifa.local().equals(ifa1.local());
            brdOk |= ifaBroadcast.equals(ifa1Broadcast);
            brd1Ok |= brd.equals(ifa1Broadcast);
            if (prim1 == ifa1 && ifa1.prefixLength() < 31 && !isZeroNet(ifa1.subnet().network())) {
                Ipv4Address brd1 = ifa1.subnet().broadcast();
                Ipv4Address any1 = ifa1.subnet().network();
                brdOk |= ifaBroadcast.equals(brd1) || ifaBroadcast.equals(any1);
                brd1Ok |= brd.equals(brd1) || brd.equals(any1);
            }
        }
        if (!brdOk && ifa.broadcast().isPresent()) {
            magicDelete(RouteType.BROADCAST, Ipv4Prefix.of(ifaBroadcast, 32), prim, device);
        }
        if (subnet && ifa.prefixLength() < 31 && !brd1Ok) {
            magicDelete(RouteType.BROADCAST, Ipv4Prefix.of(brd, 32), prim, device);
        }
        if (!localOk) {
            magicDelete(RouteType.LOCAL, Ipv4Prefix.of(ifa.local(), 32), prim, device);
            if (addressTypeOn(ifa.local(), device.index()) != AddressType.LOCAL) {
                Optional<Ipv4Address> gone = Optional.of(ifa.local());
                fib.removeIf(r -> r.table() == RouteTables.MAIN && r.preferredSource().equals(gone));
            }
        }
    }

    /** The kernel's {@code fib_magic(RTM_NEWROUTE, ...)}: a route of an address. */
    private void magicAdd(RouteType type, Ipv4Prefix destination, IfAddress prim, NetDevice device) {
        boolean local = type == RouteType.LOCAL;
        Route route = new Route(type == RouteType.UNICAST ? RouteTables.MAIN : RouteTables.LOCAL, type, destination,
                0, RouteProtocol.KERNEL, local ? Scope.HOST : Scope.LINK, Optional.empty(),
                OptionalInt.of(device.index()), Optional.of(prim.local()), false, local ? Scope.NOWHERE : Scope.HOST);
        fib.insert(route, RouteChange.KERNEL);
    }

    /** The kernel's {@code fib_magic(RTM_DELROUTE, ...)}; a missing route is no error. */
    private void magicDelete(RouteType type, Ipv4Prefix destination, IfAddress prim, NetDevice device) {
        boolean local = type == RouteType.LOCAL;
        RouteSelector selector = new RouteSelector(type == RouteType.UNICAST ? RouteTables.MAIN : RouteTables.LOCAL,
                destination, Optional.of(type), Optional.of(local ? Scope.HOST : Scope.LINK),
                Optional.of(RouteProtocol.KERNEL), java.util.OptionalLong.empty(), Optional.empty(),
                OptionalInt.of(device.index()), Optional.of(prim.local()));
        try {
            fib.delete(selector);
        } catch (NetlinkException e) {
            // The route was already gone (deleted by hand, or with its device).
        }
    }

    // --- routes ----------------------------------------------------------------------------------------

    /**
     * {@code ip route add|replace|change|append|prepend}: the kernel's checks ({@code fib_create_info}: scope,
     * next hop, preferred source), then the insert.
     *
     * @throws NetlinkException with the kernel's answer
     */
    public Route addRoute(RouteRequest request, RouteChange change) {
        changed();
        Route route = checkRoute(request);
        fib.insert(route, change);
        return route;
    }

    /** A topology's static route, added as {@code ip route add} adds it. */
    public Route addRoute(RouteSpec spec) {
        OptionalInt device = OptionalInt.empty();
        if (spec.device().isPresent()) {
            device = OptionalInt.of(links.byName(spec.device().get())
                    .orElseThrow(() -> new NetlinkException(Errno.ENODEV)).index());
        }
        return addRoute(RouteRequest.of(spec, device), RouteChange.ADD);
    }

    /**
     * {@code ip route del}.
     *
     * @throws NetlinkException ESRCH when no route matches
     */
    public Route deleteRoute(RouteSelector selector) {
        changed();
        return fib.delete(selector);
    }

    /** Removes exactly these routes ({@code ip route flush}, which deletes what it listed). */
    void removeRoutes(List<Route> routes) {
        changed();
        java.util.Set<Route> doomed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        doomed.addAll(routes);
        fib.removeIf(doomed::contains);
    }

    private Route checkRoute(RouteRequest req) {
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
            if (addressType(gateway) != AddressType.UNICAST) {
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

    // --- lookups ---------------------------------------------------------------------------------------

    /** The kernel's {@code inet_addr_type}: what an address is to this namespace. */
    public AddressType addressType(Ipv4Address address) {
        return addressTypeOn(address, 0);
    }

    /** {@code inet_dev_addr_type}: as {@link #addressType}, but LOCAL only for addresses of device {@code ifindex} (0: any). */
    private AddressType addressTypeOn(Ipv4Address address, int ifindex) {
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

    /** A locally generated packet to {@code destination} from no particular source, through any device. */
    public OutputRoute routeOutput(Ipv4Address destination) {
        return routeOutput(destination, Ipv4Address.ANY, 0);
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
    public OutputRoute routeOutput(Ipv4Address destination, Ipv4Address source, int oif) {
        if (oif != 0 || destination.isAny() || destination.isMulticast() || destination.isLimitedBroadcast()) {
            return routeOutputSlow(destination, source, oif);
        }
        if (!source.isAny()) {
            if (source.isMulticast() || source.isLimitedBroadcast()) {
                return OUTPUT_EINVAL;
            }
            if (addressType(source) != AddressType.LOCAL) {
                return OUTPUT_ENETUNREACH;
            }
        }
        Route route = fib.lookup(destination, Scope.GLOBAL, 0);
        if (route == null) {
            return OUTPUT_ENETUNREACH;
        }
        if (route.type().isError()) {
            return failed(errorOf(route.type()));
        }
        if (route.type() == RouteType.LOCAL && route.preferredSource().isEmpty()) {
            return routeOutputSlow(destination, source, oif);
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
    private OutputRoute routeOutputSlow(Ipv4Address destination, Ipv4Address source, int oif) {
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
        Route route = fib.lookup(daddr, Scope.GLOBAL, out);
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
    public InputRoute routeInput(Ipv4Address destination, Ipv4Address source, int iif) {
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
        Route route = fib.lookup(destination, Scope.GLOBAL, 0);
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
            int valid = validateSource(source, destination, 0, in);
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
        int valid = validateSource(source, destination, out, in);
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
            int valid = validateSource(source, Ipv4Address.ANY, 0, in);
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
            int valid = validateSource(source, Ipv4Address.ANY, 0, links.device(iif));
            if (valid < 0) {
                return martianSource(valid);
            }
        }
        return MULTICAST;
    }

    /**
     * The kernel's {@code fib_validate_source}: negative errno (-EINVAL martian, -EXDEV reverse path) to
     * drop; 1 when the source is on-link through {@code in}; 0 otherwise.
     */
    private int validateSource(Ipv4Address source, Ipv4Address destination, int oif, NetDevice in) {
        int rpf = sysctls.rpFilter(in.index());
        if (rpf == 0 && (in.index() != oif || !sysctls.sendRedirects(in.index()))) {
            if (sysctls.acceptLocal(in.index())) {
                return 0;
            }
            if (!fib.hasCustomLocalRoutes()) {
                return links.isLocalAddress(source) ? -22 : 0;
            }
        }
        Route route = fib.lookup(source, Scope.GLOBAL, 0);
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
        Route back = fib.lookup(source, Scope.GLOBAL, in.index());
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

    private Ipv4Address select(NetDevice device, Ipv4Address destination, Scope scope) {
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

    private static Errno errorOf(RouteType type) {
        return switch (type) {
            case BLACKHOLE -> Errno.EINVAL;
            case UNREACHABLE -> Errno.EHOSTUNREACH;
            case PROHIBIT -> Errno.EACCES;
            default -> Errno.ENETUNREACH;
        };
    }

    /** The kernel's {@code ipv4_is_zeronet}: since Linux 5.3 only 0.0.0.0 itself (0.0.0.0/8 is usable). */
    private static boolean isZeroNet(Ipv4Address address) {
        return address.isAny();
    }

    private static boolean isLocalMulticast(Ipv4Address address) {
        return (address.bits() & 0xffffff00) == 0xe0000000;
    }

    /** What the neighbour table asks of the routing layer. */
    private final class Context implements NeighbourContext {
        @Override
        public Links links() {
            return links;
        }

        @Override
        public AddressType addressType(Ipv4Address address) {
            return IpNamespace.this.addressType(address);
        }

        @Override
        public boolean isLocalTarget(int ifindex, Ipv4Address target, Ipv4Address sender) {
            return routeInput(target, sender, ifindex) instanceof InputRoute.Local;
        }

        @Override
        public Ipv4Address arpSource(NetDevice device, Ipv4Address target) {
            return select(device, target, Scope.LINK);
        }
    }
}
