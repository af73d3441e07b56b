package io.nflab.netfilter.match;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import java.util.Objects;

/** {@code -m udp}: source and destination port ranges ({@link PortRange#ALL} when not given), each with {@code !}. */
public record UdpMatch(Negatable<PortRange> sourcePorts, Negatable<PortRange> destinationPorts) implements Match {

    public static final UdpMatch ANY = new UdpMatch(Negatable.of(PortRange.ALL), Negatable.of(PortRange.ALL));

    public UdpMatch {
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
    }
}
