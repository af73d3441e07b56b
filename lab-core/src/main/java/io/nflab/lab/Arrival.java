package io.nflab.lab;

import java.util.Comparator;
import java.util.Objects;

/**
 * A frame due to arrive on a node's interface {@code iface} at lab time {@code nanos}, having crossed
 * {@code segment}. Arrivals are handled in {@link #ORDER}: by time, then by the sending node's index and
 * frame sequence, then by interface: an order every runtime reproduces, whatever order the frames reached
 * the node in.
 */
public record Arrival(long nanos, String iface, String segment, LabFrame frame) {
    /** The order a node handles its arrivals in. */
    public static final Comparator<Arrival> ORDER = Comparator.comparingLong(Arrival::nanos)
            .thenComparingInt(a -> a.frame().origin())
            .thenComparingLong(a -> a.frame().sequence())
            .thenComparing(Arrival::iface);

    public Arrival {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(frame, "frame");
    }
}
