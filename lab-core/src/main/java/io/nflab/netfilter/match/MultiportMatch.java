package io.nflab.netfilter.match;

import io.nflab.netfilter.PortRange;
import java.util.List;
import java.util.Objects;

/** {@code -m multiport --sports/--dports/--ports}: up to 15 ports, a range taking two slots, with {@code !}. */
public record MultiportMatch(Direction direction, List<PortRange> ports, boolean negated) implements Match {

    /** Which port(s) of the packet are tested; {@link #EITHER} is {@code --ports}. */
    public enum Direction { SOURCE, DESTINATION, EITHER }

    public MultiportMatch {
        Objects.requireNonNull(direction, "direction");
        ports = List.copyOf(ports);
    }
}
