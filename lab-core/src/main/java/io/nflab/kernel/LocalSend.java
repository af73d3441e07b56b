package io.nflab.kernel;

import io.nflab.packet.Ipv4Packet;
import java.util.Objects;

/**
 * An exact IPv4 packet sent by a node's own stack, as if a local program had written it: through a
 * raw socket with {@code IP_HDRINCL}, so the node routes it, resolves the next hop's MAC and runs it
 * through OUTPUT and POSTROUTING like any locally generated packet.
 */
public record LocalSend(String node, Ipv4Packet packet) implements Injection {

    public LocalSend {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(packet, "packet");
    }
}
