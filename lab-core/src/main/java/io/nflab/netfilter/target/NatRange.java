package io.nflab.netfilter.target;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * The address and port range of a NAT target ({@code --to-destination 10.0.0.1-10.0.0.9:1000-2000}),
 * as the kernel's {@code nf_nat_range2}: addresses only when {@link #hasAddresses()}, ports only when
 * {@link #hasPorts()}. Ports are 0 when absent. {@code basePort} (0 when absent) is DNAT's shifted port
 * map {@code PORT-PORT/BASE}: the original destination port's offset from BASE selects the port in the range.
 */
public record NatRange(Ipv4Address minAddress, Ipv4Address maxAddress, int minPort, int maxPort,
                       boolean hasAddresses, boolean hasPorts, int basePort) {

    public static final NatRange NONE = new NatRange(Ipv4Address.ANY, Ipv4Address.ANY, 0, 0, false, false, 0);

    public NatRange {
        Objects.requireNonNull(minAddress, "minAddress");
        Objects.requireNonNull(maxAddress, "maxAddress");
        if (minPort < 0 || minPort > 65535 || maxPort < 0 || maxPort > 65535 || basePort < 0 || basePort > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** This range with the shifted port map base {@code base}. */
    public NatRange withBasePort(int base) {
        return new NatRange(minAddress, maxAddress, minPort, maxPort, hasAddresses, hasPorts, base);
    }

    public static NatRange ports(int min, int max) {
        return new NatRange(Ipv4Address.ANY, Ipv4Address.ANY, min, max, false, true, 0);
    }
}
