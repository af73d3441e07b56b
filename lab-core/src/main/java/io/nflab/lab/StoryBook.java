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
 */
public final class StoryBook {
    private final Map<Long, Draft> drafts = new HashMap<>();
    private final List<Long> created = new ArrayList<>();

    private static final class Draft {
        final long causeId;
        final String origin;
        final long nanos;
        final Ipv4Packet packet;
        final List<Fate> ends = new ArrayList<>();
        final List<Hop> trace = new ArrayList<>();

        Draft(StoryNote.Created note) {
            causeId = note.causeId();
            origin = note.origin();
            nanos = note.nanos();
            packet = note.packet();
        }
    }

    /** Adds one note; notes about a packet whose creation was never reported are ignored. */
    public void add(StoryNote note) {
        if (note instanceof StoryNote.Created c) {
            if (drafts.putIfAbsent(c.id(), new Draft(c)) == null) {
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
        for (long id : created.subList(mark, created.size())) {
            stories.add(story(id).orElseThrow());
        }
        return stories;
    }

    /** Packet {@code id}'s story as it stands now. */
    public Optional<PacketStory> story(long id) {
        Draft draft = drafts.get(id);
        if (draft == null) {
            return Optional.empty();
        }
        return Optional.of(new PacketStory(id, draft.causeId, draft.origin, draft.nanos, draft.packet, draft.ends,
                draft.trace));
    }
}
