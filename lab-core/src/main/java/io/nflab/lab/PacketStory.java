package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import io.nflab.stack.Lists;
import java.util.List;
import java.util.Objects;

/**
 * One packet's life in the lab. A packet keeps its id across every node it crosses (NAT rewrites
 * included); a packet a node generates in answer (a SYN-ACK, an ICMP error, a REJECT's RST, an echo
 * reply) gets a new id whose {@code causeId} is the packet that caused it (0 for packets started by a
 * program or a {@code send}).
 *
 * @param origin the node whose stack created it
 * @param packet the packet as it was created
 * @param ends   each place it ended: delivered, dropped or rejected (a broadcast or a packet duplicated
 *               by a fault may end in several places; one still in flight when the lab stopped has none)
 * @param trace  hop by hop, the way it went
 */
public record PacketStory(long id, long causeId, String origin, long createdNanos, Ipv4Packet packet,
                          List<Fate> ends, List<Hop> trace) {
    public PacketStory {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(packet, "packet");
        ends = Lists.copyOf(ends);
        trace = Lists.copyOf(trace);
    }
}
