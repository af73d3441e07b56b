package io.nflab.stack;

import io.nflab.packet.EthernetFrame;

/**
 * Where a {@link NetStack} puts the frames it sends, as it sends them, when its caller (the lab runtime)
 * takes them one by one instead of from a {@link StackOutput}.
 */
@FunctionalInterface
public interface FrameSink {
    /** {@code frame} leaves by interface {@code iface}; {@code packetId} as in {@link OutFrame#packetId()}. */
    void send(String iface, EthernetFrame frame, long packetId);
}
