package io.nflab.link;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 address configured on a device (the kernel's {@code in_ifaddr}): the address with its prefix
 * length, its scope, the broadcast address when one was given ({@code brd}), and whether it is a
 * <em>secondary</em>: another address of the same subnet was there first.
 */
public record IfAddress(InterfaceAddress address, Scope scope, Optional<Ipv4Address> broadcast, boolean secondary) {

    public IfAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(broadcast, "broadcast");
    }

    /** A primary address with global scope and no broadcast, as {@code ip addr add A/N dev D} makes it. */
    public static IfAddress of(InterfaceAddress address) {
        return new IfAddress(address, Scope.GLOBAL, Optional.empty(), false);
    }

    public Ipv4Address local() {
        return address.address();
    }

    public int prefixLength() {
        return address.prefixLength();
    }

    public Ipv4Prefix subnet() {
        return address.subnet();
    }

    /** Whether {@code other} is in this address's subnet (the kernel's {@code inet_ifa_match}). */
    public boolean matches(Ipv4Address other) {
        return subnet().contains(other);
    }

    /** Whether {@code other} has the same prefix length and subnet (which makes the later one a secondary). */
    public boolean sameSubnet(IfAddress other) {
        return prefixLength() == other.prefixLength() && matches(other.local());
    }

    IfAddress asSecondary(boolean value) {
        return new IfAddress(address, scope, broadcast, value);
    }
}
