package io.nflab.topology;

import java.util.Objects;
import java.util.Optional;

/** An L2 broadcast domain (a switch, or a point-to-point link when two interfaces attach to it). */
public record SegmentSpec(String name, Optional<Placement> placement) {

    public SegmentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(placement, "placement");
    }

    public static SegmentSpec named(String name) {
        return new SegmentSpec(name, Optional.empty());
    }
}
