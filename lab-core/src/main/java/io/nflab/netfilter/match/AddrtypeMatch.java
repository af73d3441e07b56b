package io.nflab.netfilter.match;

import java.util.Objects;
import java.util.Set;

/**
 * {@code -m addrtype --src-type/--dst-type TYPES}: the routing type of the source/destination address
 * (empty set: not tested), each with {@code !}; {@code --limit-iface-in/out} restrict the test to the
 * packet's interface.
 */
public record AddrtypeMatch(Set<AddressType> sourceTypes, boolean sourceNegated, Set<AddressType> destinationTypes,
                            boolean destinationNegated, boolean limitIfaceIn, boolean limitIfaceOut) implements Match {

    /** Route types (RTN_*), in the order iptables prints them. */
    public enum AddressType {
        UNSPEC, UNICAST, LOCAL, BROADCAST, ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT, XRESOLVE
    }

    public AddrtypeMatch {
        sourceTypes = Set.copyOf(Objects.requireNonNull(sourceTypes, "sourceTypes"));
        destinationTypes = Set.copyOf(Objects.requireNonNull(destinationTypes, "destinationTypes"));
    }
}
