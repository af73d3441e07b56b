package io.nflab.nat;

import io.nflab.address.Ipv4Address;

/**
 * Where a packet is at a NAT hook: the interface it came in on (PREROUTING, INPUT; null for locally
 * generated packets), the interface it leaves by and its next hop (POSTROUTING; null before routing).
 */
public record NatHookContext(String inInterface, String outInterface, Ipv4Address nextHop) {
    private static final NatHookContext LOCAL = new NatHookContext(null, null, null);

    /** At PREROUTING or INPUT. */
    public static NatHookContext incoming(String inInterface) {
        return new NatHookContext(inInterface, null, null);
    }

    /** At POSTROUTING: output interface and next hop of the route. */
    public static NatHookContext outgoing(String outInterface, Ipv4Address nextHop) {
        return new NatHookContext(null, outInterface, nextHop);
    }

    /** At OUTPUT (locally generated, before rerouting). */
    public static NatHookContext local() {
        return LOCAL;
    }
}
