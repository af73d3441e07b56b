package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every packet's story in a lab, put together from the {@link StoryNote}s its elements report, in the
 * order they are added (a runtime adds them in the lab's event order). Remembers the order packets were
 * created in, so an activity can list the packets created since it began.
 *
 * <p>Packets are numbered for their users in that order: the first packet the lab reports is #1, the next
 * #2, and so on ({@link PacketStory#id()}, its {@code causeId}, and {@link #story(long)} use these numbers).
 * The ids elements give packets on the wire ({@link NodeElement}: unique without asking anyone, so
 * interleaved between nodes) stay inside the lab.
 */
public final class StoryBook {
    /** The drafts by wire id. */
    private final Map<Long, Draft> drafts = new HashMap<>();
    /** The wire ids in creation order: packet number {@code n} is {@code created.get(n - 1)}. */
    private final List<Long> created = new ArrayList<>();

    private static final class Draft {
        final long number;
        final long causeNumber;
        final String origin;
        final long nanos;
        final Ipv4Packet packet;
        final List<Fate> ends = new ArrayList<>();
        final List<Hop> trace = new ArrayList<>();

        Draft(StoryNote.Created note, long number, long causeNumber) {
            this.number = number;
            this.causeNumber = causeNumber;
            origin = note.origin();
            nanos = note.nanos();
            packet = note.packet();
        }
    }

    /** Adds one note; notes about a packet whose creation was never reported are ignored. */
    public void add(StoryNote note) {
        if (note instanceof StoryNote.Created c) {
            if (!drafts.containsKey(c.id())) {
                Draft cause = drafts.get(c.causeId());
                drafts.put(c.id(), new Draft(c, created.size() + 1L, cause == null ? 0 : cause.number));
                created.add(c.id());
            }
            return;
        }
        Draft draft = drafts.get(note.id());
        if (draft == null) {
            return;
        }
        if (note instanceof StoryNote.Stepped s) {
            draft.trace.add(s.hop());
        } else if (note instanceof StoryNote.Ended e) {
            draft.ends.add(e.fate());
        }
    }

    public void addAll(List<StoryNote> notes) {
        notes.forEach(this::add);
    }

    /** How many packets were created so far: a mark for {@link #createdSince}. */
    public int createdCount() {
        return created.size();
    }

    /** The stories of the packets created after {@code mark} (a {@link #createdCount()}), in creation order. */
    public List<PacketStory> createdSince(int mark) {
        List<PacketStory> stories = new ArrayList<>(created.size() - mark);
        for (long wireId : created.subList(mark, created.size())) {
            stories.add(story(drafts.get(wireId)));
        }
        return stories;
    }

    /** The story of packet number {@code number} (#1 is the lab's first packet) as it stands now. */
    public Optional<PacketStory> story(long number) {
        if (number < 1 || number > created.size()) {
            return Optional.empty();
        }
        return Optional.of(story(drafts.get(created.get((int) (number - 1)))));
    }

    private static PacketStory story(Draft draft) {
        return new PacketStory(draft.number, draft.causeNumber, draft.origin, draft.nanos, draft.packet, draft.ends,
                draft.trace);
    }
}
