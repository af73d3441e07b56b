package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packets' stories in a lab, put together from the {@link StoryNote}s its elements report, in the order they
 * are added (a runtime adds them in the lab's event order). Remembers the order packets were created in, so
 * an activity can list the packets created since it began.
 *
 * <p>A book made with {@link #StoryBook()} keeps every story for the lab's life. One made with
 * {@link #keepingLast} keeps the stories of the most recent packets only: {@link #forgetOldest}, called when a
 * call's activity is made, forgets the oldest beyond that number; a call's own packets are all in its
 * activity whatever their number. Notes about a forgotten packet are ignored, and {@link #forgotten} tells a
 * forgotten packet from one that never existed.
 */
public final class StoryBook {
    /** How many stories {@link #keepingLast} books keep by default (LocalLab with {@link Tracing#ENDS}). */
    public static final int RECENT_STORIES = 10_000;

    private final int keep;
    private final int nodeCount;
    private final Map<Long, Draft> drafts = new HashMap<>();
    /** The drafts in creation order; the first is the {@code first}-th packet ever created (counting from 0). */
    private final ArrayDeque<Draft> inOrder = new ArrayDeque<>();
    private long first;
    /** Per node index: the highest packet number {@code k} of its ids ({@code k * nodeCount + index + 1}) seen. */
    private final long[] highestNumber;

    private static final class Draft {
        final long id;
        final long causeId;
        final String origin;
        final long nanos;
        final Ipv4Packet packet;
        // made on first use: most packets end once, and have no hops unless the lab keeps them
        List<Fate> ends = List.of();
        List<Hop> trace = List.of();

        Draft(StoryNote.Created note) {
            id = note.id();
            causeId = note.causeId();
            origin = note.origin();
            nanos = note.nanos();
            packet = note.packet();
        }

        void end(Fate fate) {
            if (ends.isEmpty()) {
                ends = new ArrayList<>(1);
            }
            ends.add(fate);
        }

        void step(Hop hop) {
            if (trace.isEmpty()) {
                trace = new ArrayList<>();
            }
            trace.add(hop);
        }
    }

    /** A book that keeps every packet's story for the lab's life. */
    public StoryBook() {
        this(Integer.MAX_VALUE, 0);
    }

    private StoryBook(int keep, int nodeCount) {
        this.keep = keep;
        this.nodeCount = nodeCount;
        this.highestNumber = new long[nodeCount];
        Arrays.fill(highestNumber, -1);
    }

    /**
     * A book that keeps the stories of the last {@code stories} packets of a lab of {@code nodeCount} nodes
     * (whose packet ids are {@code k * nodeCount + index + 1}, see {@link NodeElement}).
     */
    public static StoryBook keepingLast(int stories, int nodeCount) {
        if (stories < 1 || nodeCount < 1) {
            throw new IllegalArgumentException("a story book keeps at least one story of at least one node: "
                    + stories + ", " + nodeCount);
        }
        return new StoryBook(stories, nodeCount);
    }

    /** Adds one note; notes about a packet whose creation was never reported (or is forgotten) are ignored. */
    public void add(StoryNote note) {
        if (note instanceof StoryNote.Created c) {
            created(c);
            return;
        }
        Draft draft = drafts.get(note.id());
        if (draft == null) {
            return;
        }
        if (note instanceof StoryNote.Stepped s) {
            draft.step(s.hop());
        } else if (note instanceof StoryNote.Ended e) {
            draft.end(e.fate());
        }
    }

    public void addAll(List<StoryNote> notes) {
        for (int i = 0; i < notes.size(); i++) {
            add(notes.get(i));
        }
    }

    /** How many packets were created so far: a mark for {@link #createdSince}. */
    public int createdCount() {
        return Math.toIntExact(first + inOrder.size());
    }

    /** The stories of the packets created after {@code mark} (a {@link #createdCount()}), in creation order. */
    public List<PacketStory> createdSince(int mark) {
        long from = mark - first;
        if (from < 0) {
            throw new IllegalStateException("the stories since packet " + mark + " are forgotten already");
        }
        PacketStory[] stories = new PacketStory[Math.toIntExact(inOrder.size() - from)];
        Iterator<Draft> newestFirst = inOrder.descendingIterator();
        for (int i = stories.length - 1; i >= 0; i--) {
            stories[i] = story(newestFirst.next());
        }
        return Arrays.asList(stories);
    }

    /**
     * Forgets the oldest stories beyond the number this book keeps (none for a book that keeps them all).
     * Called when a call's activity is made, after {@link #createdSince}.
     */
    public void forgetOldest() {
        while (inOrder.size() > keep) {
            drafts.remove(inOrder.pollFirst().id);
            first++;
        }
    }

    /** Packet {@code id}'s story as it stands now; empty for a packet never created, or forgotten. */
    public Optional<PacketStory> story(long id) {
        Draft draft = drafts.get(id);
        return draft == null ? Optional.empty() : Optional.of(story(draft));
    }

    /** Whether packet {@code id} was created in this lab but its story is forgotten ({@link #keepingLast}). */
    public boolean forgotten(long id) {
        if (nodeCount == 0 || id < 1 || drafts.containsKey(id)) {
            return false;
        }
        int index = (int) ((id - 1) % nodeCount);
        return (id - 1) / nodeCount <= highestNumber[index];
    }

    private void created(StoryNote.Created note) {
        Draft draft = new Draft(note);
        if (drafts.putIfAbsent(note.id(), draft) != null) {
            return;
        }
        inOrder.add(draft);
        if (nodeCount > 0 && note.id() > 0) {
            int index = (int) ((note.id() - 1) % nodeCount);
            highestNumber[index] = Math.max(highestNumber[index], (note.id() - 1) / nodeCount);
        }
    }

    private static PacketStory story(Draft draft) {
        return new PacketStory(draft.id, draft.causeId, draft.origin, draft.nanos, draft.packet, draft.ends,
                draft.trace);
    }
}
