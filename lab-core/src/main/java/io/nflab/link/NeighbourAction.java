package io.nflab.link;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.packet.EthernetFrame;
import java.util.Objects;

/**
 * What the neighbour table asks its owner to do. {@code P} is the owner's packet type, kept opaque.
 */
public sealed interface NeighbourAction<P> {

    /** Send this ARP frame (a request or a reply) out of the device. */
    record SendArp<P>(int ifindex, EthernetFrame frame) implements NeighbourAction<P> {
        public SendArp {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /** A packet that waited for resolution can go now, to this MAC. */
    record Transmit<P>(int ifindex, MacAddress destination, P packet) implements NeighbourAction<P> {
        public Transmit {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(packet, "packet");
        }
    }

    /**
     * Resolution of {@code neighbour} failed: the kernel answers each waiting packet's source with ICMP
     * destination unreachable, code host unreachable ({@code arp_error_report}), oldest packet first.
     */
    record Unreachable<P>(int ifindex, Ipv4Address neighbour, P packet) implements NeighbourAction<P> {
        public Unreachable {
            Objects.requireNonNull(neighbour, "neighbour");
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** A waiting packet was discarded without an answer: the queue was full, or the device went down. */
    record Dropped<P>(int ifindex, Ipv4Address neighbour, P packet, DropReason reason) implements NeighbourAction<P> {
        public Dropped {
            Objects.requireNonNull(neighbour, "neighbour");
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a waiting packet was discarded. */
    enum DropReason {
        /** More than {@code unres_qlen} packets waited; the oldest goes ({@code NEIGH_QUEUEFULL}). */
        QUEUE_FULL,
        /** The device went down or lost its carrier; the entry and its queue were flushed. */
        DEVICE_DOWN,
        /** The administrator deleted or flushed the entry. */
        FLUSHED
    }
}
