package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.AddrtypeMatch.AddressType;

/**
 * What {@code -m addrtype} needs from the namespace: the type of the route an address has in the local
 * routing table ({@code ip route show table local}), as the kernel's {@code inet_dev_addr_type} looks it
 * up. The engine itself answers for 0.0.0.0/8 and 255.255.255.255 (BROADCAST) and 224.0.0.0/4
 * (MULTICAST); the net stack implements the rest.
 */
@FunctionalInterface
public interface AddressTypes {

    /** A namespace with no local addresses: every address is UNICAST. */
    AddressTypes NONE = (address, device) -> AddressType.UNICAST;

    /**
     * The type of the local-table route that best matches {@code address} (LOCAL for the host's own
     * addresses and 127.0.0.0/8, BROADCAST for subnet broadcasts, …), or UNICAST when there is none or,
     * with a non-empty {@code device}, when that route's device is another one.
     */
    AddressType localRouteType(int address, String device);
}
