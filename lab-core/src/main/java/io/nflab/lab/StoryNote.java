package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.Objects;

/**
 * A piece of a packet's story, as the element that saw it reports it: a {@link StoryBook} puts the
 * pieces together into {@link PacketStory}s.
 */
public sealed interface StoryNote {

    /** The packet the note is about. */
    long id();

    /** Packet {@code id} was created by {@code origin}'s stack at {@code nanos}, caused by {@code causeId} (0 none). */
    record Created(long id, long causeId, String origin, long nanos, Ipv4Packet packet) implements StoryNote {
        public Created {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(packet, "packet");
        }
    }

    /** Packet {@code id} took a step. */
    record Stepped(long id, Hop hop) implements StoryNote {
        public Stepped {
            Objects.requireNonNull(hop, "hop");
        }
    }

    /** Packet {@code id} ended: delivered, dropped or rejected. */
    record Ended(long id, Fate fate) implements StoryNote {
        public Ended {
            Objects.requireNonNull(fate, "fate");
        }
    }
}
