package io.nflab.nat;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import java.util.Objects;

/**
 * What a NAT binding may choose from, the kernel's {@code struct nf_nat_range2} with its flags: an address
 * range ({@code NF_NAT_RANGE_MAP_IPS}), a port range ({@code NF_NAT_RANGE_PROTO_SPECIFIED}; for ICMP an id
 * range), a port map base ({@code NF_NAT_RANGE_PROTO_OFFSET}), {@code --random}, {@code --random-fully}
 * and {@code --persistent}. Built from the iptables targets by the factories here.
 *
 * @param mapAddresses whether the address is chosen from {@code minAddress..maxAddress}
 * @param portsSpecified whether the port (ICMP id) is chosen from {@code minPort..maxPort}
 * @param portOffset whether the original port's offset from {@code basePort} picks the port (DNAT's {@code A-B/BASE})
 */
public record NatRequest(boolean mapAddresses, Ipv4Address minAddress, Ipv4Address maxAddress,
                         boolean portsSpecified, int minPort, int maxPort, boolean portOffset, int basePort,
                         boolean random, boolean fullyRandom, boolean persistent) {

    public NatRequest {
        Objects.requireNonNull(minAddress, "minAddress");
        Objects.requireNonNull(maxAddress, "maxAddress");
        if (Integer.compareUnsigned(minAddress.bits(), maxAddress.bits()) > 0) {
            throw new IllegalArgumentException("address range " + minAddress + "-" + maxAddress + " is empty");
        }
    }

    /** {@code -j SNAT}/{@code -j DNAT}. */
    public static NatRequest of(NatTarget target) {
        NatRange r = target.range();
        return new NatRequest(r.hasAddresses(), r.minAddress(), r.maxAddress(), r.hasPorts(), r.minPort(),
                r.maxPort(), r.basePort() != 0, r.basePort(), target.random(), target.fullyRandom(),
                target.persistent());
    }

    /** {@code -j MASQUERADE}: its ports and flags, to the address chosen on the output interface. */
    public static NatRequest masquerade(MasqueradeTarget target, Ipv4Address address) {
        NatRange r = target.ports();
        return new NatRequest(true, address, address, r.hasPorts(), r.minPort(), r.maxPort(), false, 0,
                target.random(), target.fullyRandom(), false);
    }

    /** {@code -j REDIRECT}: its ports and flag, to the incoming interface's address (127.0.0.1 from OUTPUT). */
    public static NatRequest redirect(RedirectTarget target, Ipv4Address address) {
        NatRange r = target.ports();
        return new NatRequest(true, address, address, r.hasPorts(), r.minPort(), r.maxPort(), false, 0,
                target.random(), false, false);
    }

    /** Exactly this address, the port left to the protocol (null bindings, following a master). */
    public static NatRequest toAddress(Ipv4Address address) {
        return new NatRequest(true, address, address, false, 0, 0, false, 0, false, false, false);
    }

    /** Exactly this address and port. */
    public static NatRequest toAddressAndPort(Ipv4Address address, int port) {
        return new NatRequest(true, address, address, true, port, port, false, 0, false, false, false);
    }

    /** {@code NF_NAT_RANGE_PROTO_RANDOM_ALL}: the port is chosen at random, never kept. */
    public boolean randomAll() {
        return random || fullyRandom;
    }

    boolean addressInRange(int bits) {
        return Integer.compareUnsigned(bits, minAddress.bits()) >= 0
                && Integer.compareUnsigned(bits, maxAddress.bits()) <= 0;
    }

    boolean portInRange(int port) {
        int low = Math.min(minPort, maxPort);
        int high = Math.max(minPort, maxPort);
        return port >= low && port <= high;
    }
}
