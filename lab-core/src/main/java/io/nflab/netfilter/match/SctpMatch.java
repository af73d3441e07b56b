package io.nflab.netfilter.match;

import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import java.util.Objects;
import java.util.Optional;

/** {@code -m sctp --sport/--dport}: SCTP port ranges, each optional and with its own {@code !}. */
public record SctpMatch(Optional<Negatable<PortRange>> sourcePorts, Optional<Negatable<PortRange>> destinationPorts)
        implements Match {

    public SctpMatch {
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
    }
}
