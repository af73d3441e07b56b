package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.link.AddressType;
import io.nflab.link.IfAddress;
import io.nflab.link.Links;
import io.nflab.link.NetDevice;
import io.nflab.link.NetlinkException;
import io.nflab.link.Scope;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The routes the kernel keeps for addresses ({@code fib_add_ifaddr}, {@code fib_del_ifaddr},
 * {@code fib_magic}): each address's local route; on an up device its connected route and subnet
 * broadcast route; and, on deletion, only the routes no remaining address still needs.
 */
final class AddressRoutes {
    private final Links links;
    private final Fib fib;
    private final RouteLookup lookup;

    AddressRoutes(Links links, Fib fib, RouteLookup lookup) {
        this.links = links;
        this.fib = fib;
        this.lookup = lookup;
    }

    /** The kernel's {@code fib_add_ifaddr} (kernels since 5.19 add no network-address broadcast route). */
    void add(NetDevice device, IfAddress ifa) {
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
        if (!RouteLookup.isZeroNet(subnet.network()) && !ifa.secondary()
                && (!subnet.network().equals(ifa.local()) || ifa.prefixLength() < 32)) {
            magicAdd(device.isLoopback() ? RouteType.LOCAL : RouteType.UNICAST, subnet, prim, device);
            if (ifa.prefixLength() < 31) {
                magicAdd(RouteType.BROADCAST, Ipv4Prefix.of(subnet.broadcast(), 32), prim, device);
            }
        }
    }

    /** The kernel's {@code fib_del_ifaddr} (no promotion of secondaries). */
    void delete(NetDevice device, IfAddress ifa) {
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
        } else if (!RouteLookup.isZeroNet(net.network()) && (!net.network().equals(ifa.local()) || ifa.prefixLength() < 32)) {
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
            if (prim1 == ifa1 && ifa1.prefixLength() < 31 && !RouteLookup.isZeroNet(ifa1.subnet().network())) {
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
            if (lookup.addressTypeOn(ifa.local(), device.index()) != AddressType.LOCAL) {
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
                Optional.of(RouteProtocol.KERNEL), OptionalLong.empty(), Optional.empty(),
                OptionalInt.of(device.index()), Optional.of(prim.local()));
        try {
            fib.delete(selector);
        } catch (NetlinkException e) {
            // The route was already gone (deleted by hand, or with its device).
        }
    }
}
