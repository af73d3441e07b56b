package io.nflab.nat;

import io.nflab.address.Ipv4Address;
import java.util.Optional;

/**
 * What NAT needs to know about the net stack's interfaces; the net stack implements it.
 */
public interface NatInterfaces {
    /**
     * The source address MASQUERADE takes for a packet leaving {@code interfaceName} towards
     * {@code nextHop} (the route's gateway, or the destination itself on a connected route): the kernel's
     * {@code inet_select_addr(dev, nexthop, RT_SCOPE_UNIVERSE)} — of the interface's primary (not
     * secondary) global-scope addresses the first whose subnet holds the next hop, else the first of them;
     * when the interface has none, the first primary global address of the other interfaces in their
     * order ({@code lo} first). Empty when there is none at all ("eth0 ate my IP address": the packet is
     * dropped).
     */
    Optional<Ipv4Address> masqueradeAddress(String interfaceName, Ipv4Address nextHop);

    /**
     * The address REDIRECT sends packets that arrived on {@code interfaceName} to: the first address on
     * the interface's list (the kernel's {@code ifa_list} head, its primary address). Empty when the
     * interface has no IPv4 address: the packet is dropped.
     */
    Optional<Ipv4Address> primaryAddress(String interfaceName);
}
