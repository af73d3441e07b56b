package io.nflab.kernel;

import io.nflab.packet.EthernetFrame;
import java.util.Objects;

/**
 * An exact Ethernet frame arriving at a node's interface from its segment, as if another station had
 * sent it: written to the bridge end of the interface's veth pair, so only that interface receives it
 * and the node's PREROUTING path sees it first.
 */
public record WireDelivery(String node, String iface, EthernetFrame frame) implements Injection {

    public WireDelivery {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(frame, "frame");
    }
}
