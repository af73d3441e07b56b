package io.nflab.link;

import io.nflab.address.Ipv4Address;
import java.util.List;
import java.util.Optional;

/** A read-only view of a namespace's devices and their addresses (see {@link LinkTable}). */
public interface Links {

    /** The ifindex of {@code lo}. */
    int LOOPBACK_INDEX = 1;

    /** Every device, in ifindex order. */
    List<NetDevice> devices();

    /** The device with this ifindex. */
    Optional<NetDevice> byIndex(int ifindex);

    /** The device with this ifindex, which the caller knows exists (per-packet use: no Optional). */
    NetDevice device(int ifindex);

    Optional<NetDevice> byName(String name);

    default NetDevice loopback() {
        return device(LOOPBACK_INDEX);
    }

    /** Whether {@code address} is configured on any device (the kernel's {@code inet_lookup_ifaddr}). */
    boolean isLocalAddress(Ipv4Address address);

    /**
     * The kernel's {@code inet_select_addr}: the source address for talking to {@code destination}
     * ({@link Ipv4Address#ANY} for "anyone") out of {@code device} within {@code scope}. The first primary
     * address of the device whose scope is not narrower than {@code scope} and whose subnet holds the
     * destination; else the first such primary; else the first primary of any scope other than link on
     * another device (lo first). {@link Ipv4Address#ANY} when there is none.
     *
     * @param routeLocalnet the device's {@code route_localnet}: host-scope addresses count as link scope
     */
    Ipv4Address selectAddress(NetDevice device, Ipv4Address destination, Scope scope, boolean routeLocalnet);

    /** The kernel's {@code inet_ifa_byprefix}: the primary address of {@code device} with this subnet. */
    default Optional<IfAddress> primaryOf(NetDevice device, IfAddress member) {
        return device.addresses().stream().filter(a -> !a.secondary() && a.sameSubnet(member)).findFirst();
    }
}
