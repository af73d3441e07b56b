package io.nflab.routing;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
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

    private final LinkTable links = new LinkTable();
    private final Fib fib = new Fib();
    private final IpSysctls sysctls = new IpSysctls();
    private final NeighbourTable<P> neighbours;
    private final RouteLookup lookup = new RouteLookup(links, fib, sysctls);
    private final AddressRoutes addressRoutes = new AddressRoutes(links, fib, lookup);
    private final RouteValidator validator = new RouteValidator(links, fib, lookup);

    private IpNamespace(NeighbourConfig config) {
        sysctls.deviceCreated(Links.LOOPBACK_INDEX);
        neighbours = new NeighbourTable<>(new Context(), config);
    }

    private void changed() {
        lookup.configurationChanged();
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
                addressRoutes.add(device, address);
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
        addressRoutes.add(links.device(ifindex), added);
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
        addressRoutes.delete(device, address);
        if (device.addresses().isEmpty()) {
            fib.removeIf(r -> r.device().equals(OptionalInt.of(ifindex)));
            neighbours.flushDevice(ifindex, false, actions);
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
        fib.createTable(request.table()); // fib_new_table comes before the checks
        Route route = validator.check(request);
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

    // --- lookups ---------------------------------------------------------------------------------------

    /** The kernel's {@code inet_addr_type}: what an address is to this namespace. */
    public AddressType addressType(Ipv4Address address) {
        return lookup.addressType(address);
    }

    /** A locally generated packet to {@code destination} from no particular source, through any device. */
    public OutputRoute routeOutput(Ipv4Address destination) {
        return lookup.routeOutput(destination, Ipv4Address.ANY, 0, RouteFlow.NONE);
    }

    /**
     * The route of a locally generated packet (the kernel's {@code ip_route_output_key_hash_rcu}). In steady
     * state it allocates nothing, unless the caller's source differs from the route's preferred source.
     *
     * @param source the packet's source if the sender chose one (it must be ours), else {@link Ipv4Address#ANY}
     * @param oif    the device the sender is bound to, or 0
     */
    public OutputRoute routeOutput(Ipv4Address destination, Ipv4Address source, int oif) {
        return lookup.routeOutput(destination, source, oif, RouteFlow.NONE);
    }

    /** {@link #routeOutput(Ipv4Address, Ipv4Address, int)} for a packet carrying a firewall mark ({@code ip rule fwmark}). */
    public OutputRoute routeOutput(Ipv4Address destination, Ipv4Address source, int oif, long mark) {
        return lookup.routeOutput(destination, source, oif, RouteFlow.ofMark(mark));
    }

    /** {@link #routeOutput(Ipv4Address, Ipv4Address, int)} for a flow that policy rules may select on. */
    public OutputRoute routeOutput(Ipv4Address destination, Ipv4Address source, int oif, RouteFlow flow) {
        return lookup.routeOutput(destination, source, oif, flow);
    }

    /**
     * The route of a packet received on device {@code iif} (the kernel's {@code ip_route_input_slow} with
     * {@code fib_validate_source} and multicast input). In steady state it allocates nothing.
     */
    public InputRoute routeInput(Ipv4Address destination, Ipv4Address source, int iif) {
        return lookup.routeInput(destination, source, iif, RouteFlow.NONE);
    }

    /** {@link #routeInput(Ipv4Address, Ipv4Address, int)} for a packet carrying a firewall mark ({@code ip rule fwmark}). */
    public InputRoute routeInput(Ipv4Address destination, Ipv4Address source, int iif, long mark) {
        return lookup.routeInput(destination, source, iif, RouteFlow.ofMark(mark));
    }

    /** {@link #routeInput(Ipv4Address, Ipv4Address, int)} for a flow that policy rules may select on. */
    public InputRoute routeInput(Ipv4Address destination, Ipv4Address source, int iif, RouteFlow flow) {
        return lookup.routeInput(destination, source, iif, flow);
    }

    /** Whether the rules are others than Linux's default three (only then do lookups look at a flow's keys). */
    public boolean hasCustomRules() {
        return !fib.rules().areDefault();
    }

    // --- rules -----------------------------------------------------------------------------------------

    /** The routing policy database, in the order {@code ip rule list} prints it. */
    public List<RoutingRule> rules() {
        return fib.rules().list();
    }

    /**
     * {@code ip rule add}: the rule goes after those of equal or lower priority; its table need not exist.
     *
     * @throws NetlinkException EINVAL with the kernel's message for what {@code fib_nl2rule} refuses: a
     *                          {@code goto} without target or not forward, a TOS with ECN or high bits, an
     *                          empty port or uid range, a goto target on another action. A lookup rule
     *                          without a table gets a new empty one ({@code fib_empty_table}).
     */
    public void addRule(RoutingRule rule) {
        RuleChecks.check(rule);
        boolean needsTable = rule.action() == RuleAction.TO_TABLE && rule.table() == 0;
        fib.addRule(needsTable ? rule.withTable(fib.createEmptyTable()) : rule);
        changed();
    }

    /** The priority the kernel gives a rule added without {@code pref} ({@code fib_default_rule_pref}). */
    public long defaultRulePriority() {
        return fib.rules().defaultPriority();
    }

    /**
     * {@code ip rule del}: removes the first rule the selector matches.
     *
     * @throws NetlinkException ENOENT when none matches
     */
    public RoutingRule deleteRule(java.util.function.Predicate<RoutingRule> selector) {
        RoutingRule gone = fib.deleteRule(selector);
        changed();
        return gone;
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
            return lookup.select(device, target, Scope.LINK);
        }
    }
}
