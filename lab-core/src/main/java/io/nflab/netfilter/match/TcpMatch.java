package io.nflab.netfilter.match;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import java.util.Objects;

/**
 * {@code -m tcp}: source and destination port ranges ({@link PortRange#ALL} when not given), the
 * {@code --tcp-flags} test and the {@code --tcp-option} number (0 when not given), each with its own {@code !}.
 */
public record TcpMatch(
        Negatable<PortRange> sourcePorts,
        Negatable<PortRange> destinationPorts,
        Negatable<TcpFlagTest> flags,
        Negatable<Integer> option) implements Match {

    public static final TcpMatch ANY = new TcpMatch(Negatable.of(PortRange.ALL), Negatable.of(PortRange.ALL),
            Negatable.of(TcpFlagTest.NONE), Negatable.of(0));

    public TcpMatch {
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(option, "option");
    }
}
