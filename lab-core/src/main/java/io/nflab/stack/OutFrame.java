package io.nflab.stack;

import io.nflab.packet.EthernetFrame;
import java.util.Objects;

/** A frame a net stack sends out of its interface {@code iface}. */
public record OutFrame(String iface, EthernetFrame frame) {
    public OutFrame {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(frame, "frame");
    }
}
