package io.nflab.lab;

import java.util.Objects;

/** A frame a node put on the wire out of its interface {@code iface}; its segment carries it on. */
public record Emitted(String iface, LabFrame frame) {
    public Emitted {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(frame, "frame");
    }
}
