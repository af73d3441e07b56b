package io.nflab.netfilter;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * {@code -s}/{@code -d}: an address and a netmask (which iptables allows to be non-contiguous,
 * e.g. {@code 10.0.0.1/255.0.255.0}), with {@code !}. The address is stored already masked, as the
 * kernel stores it. {@link #ANY} is {@code 0.0.0.0/0}, which matches every packet.
 */
public record AddressSpec(Ipv4Address address, Ipv4Address mask, boolean negated) {
    public static final AddressSpec ANY = new AddressSpec(Ipv4Address.ANY, Ipv4Address.ANY, false);

    public AddressSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mask, "mask");
        address = Ipv4Address.of(address.bits() & mask.bits());
    }

    public boolean matches(int addressBits) {
        return ((addressBits & mask.bits()) == address.bits()) != negated;
    }

    /** True for {@code 0.0.0.0/0} without {@code !}: the rule does not test this address. */
    public boolean isAny() {
        return mask.bits() == 0 && !negated;
    }
}
