package io.nflab.link;

import io.nflab.address.Ipv4Address;

/** What the neighbour table needs to know about its namespace beyond the devices (answered by the routing layer). */
public interface NeighbourContext {

    Links links();

    /** The kernel's {@code inet_addr_type}: what {@code address} is to this namespace. */
    AddressType addressType(Ipv4Address address);

    /**
     * Whether an ARP request arriving on {@code ifindex} from {@code sender} asks for one of our addresses,
     * as the kernel decides it ({@code ip_route_input(target, sender, dev)} gives a local route).
     */
    boolean isLocalTarget(int ifindex, Ipv4Address target, Ipv4Address sender);

    /** The sender address of an ARP request for {@code target} when no waiting packet names a local one. */
    Ipv4Address arpSource(NetDevice device, Ipv4Address target);
}
