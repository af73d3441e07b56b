package io.nflab.stack;

import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a packet ended on one node, for the replay report: delivered to a local socket (or answered by the
 * kernel itself), dropped (by a rule or policy, naming the place, or for a non-netfilter reason),
 * rejected (with the reply that was sent), forwarded or sent out of an interface.
 */
public sealed interface Fate {

    /** The node the fate happened on. */
    String node();

    /** The packet as the node saw it when its fate was decided. */
    Ipv4Packet packet();

    /** Delivered locally on {@code iface} (the input interface, {@code lo} for our own packets), headers as they arrived. */
    record Delivered(String node, String iface, Ipv4Packet packet) implements Fate {
        public Delivered {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(packet, "packet");
        }
    }

    /**
     * Dropped: by netfilter at {@code place} (a rule or a chain's policy), or, with an empty place, for
     * {@code reason} ("no route", "rp_filter", "ttl exceeded", "conntrack invalid", …).
     */
    record Dropped(String node, Optional<Place> place, String reason, Ipv4Packet packet) implements Fate {
        public Dropped {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(place, "place");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(packet, "packet");
        }

        static Dropped at(String node, Place place, Ipv4Packet packet) {
            return new Dropped(node, Optional.of(place), place.isRule() ? "rule " + place.number() : "policy",
                    packet);
        }

        static Dropped because(String node, String reason, Ipv4Packet packet) {
            return new Dropped(node, Optional.empty(), reason, packet);
        }

        /** {@code rule N} or {@code policy} for netfilter drops, else the reason. */
        public String ruleOrPolicy() {
            return reason;
        }
    }

    /** Rejected by the REJECT rule at {@code place}; {@code reply} is the ICMP error or RST sent back (if any). */
    record Rejected(String node, Place place, Ipv4Packet packet, Optional<Ipv4Packet> reply) implements Fate {
        public Rejected {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(place, "place");
            Objects.requireNonNull(packet, "packet");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Left the node out of {@code iface}: forwarded ({@code forwarded}) or generated locally. */
    record Sent(String node, String iface, Ipv4Packet packet, boolean forwarded) implements Fate {
        public Sent {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(packet, "packet");
        }
    }
}
