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
 * <p>Packets are numbered for their users in that order: the first packet the lab reports is #1, the next
 * #2, and so on ({@link PacketStory#id()}, its {@code causeId}, {@link #story(long)} and {@link #forgotten}
 * use these numbers). The ids elements give packets on the wire ({@link NodeElement}: unique without asking
 * anyone, so interleaved between nodes) stay inside the lab.
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
    /** The drafts kept, by wire id (the notes' ids). */
    private final Map<Long, Draft> drafts = new HashMap<>();
    /** The drafts kept, in creation order; the first has number {@code forgottenCount + 1}. */
    private final ArrayDeque<Draft> inOrder = new ArrayDeque<>();
    private long forgottenCount;

    private static final class Draft {
        final long wireId;
        final long number;
        final long causeNumber;
        final String origin;
        final long nanos;
        final Ipv4Packet packet;
        // made on first use: most packets end once, and have no hops unless the lab keeps them
        List<Fate> ends = List.of();
        List<Hop> trace = List.of();

        Draft(StoryNote.Created note, long number, long causeNumber) {
            wireId = note.id();
            this.number = number;
            this.causeNumber = causeNumber;
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
        this(Integer.MAX_VALUE);
    }

    private StoryBook(int keep) {
        this.keep = keep;
    }

    /** A book that keeps the stories of the last {@code stories} packets. */
    public static StoryBook keepingLast(int stories) {
        if (stories < 1) {
            throw new IllegalArgumentException("a story book keeps at least one story: " + stories);
        }
        return new StoryBook(stories);
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
        return Math.toIntExact(forgottenCount + inOrder.size());
    }

    /** The stories of the packets created after {@code mark} (a {@link #createdCount()}), in creation order. */
    public List<PacketStory> createdSince(int mark) {
        long from = mark - forgottenCount;
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
            Draft oldest = inOrder.pollFirst();
            drafts.remove(oldest.wireId);
            forgottenCount++;
        }
    }

    /**
     * The story of packet number {@code number} (#1 is the lab's first) as it stands now; empty if none or
     * forgotten. Asked for by users ({@code trace ID}), never on the packet path: it walks the kept drafts
     * from the nearer end rather than keeping a second index per packet.
     */
    public Optional<PacketStory> story(long number) {
        long index = number - forgottenCount - 1;
        if (index < 0 || index >= inOrder.size()) {
            return Optional.empty();
        }
        boolean fromOldest = index < inOrder.size() / 2;
        Iterator<Draft> drafts = fromOldest ? inOrder.iterator() : inOrder.descendingIterator();
        for (long steps = fromOldest ? index : inOrder.size() - 1 - index; steps > 0; steps--) {
            drafts.next();
        }
        return Optional.of(story(drafts.next()));
    }

    /** Whether packet number {@code number} was created in this lab but its story is forgotten ({@link #keepingLast}). */
    public boolean forgotten(long number) {
        return number >= 1 && number <= forgottenCount;
    }

    private void created(StoryNote.Created note) {
        if (drafts.containsKey(note.id())) {
            return;
        }
        Draft cause = drafts.get(note.causeId());
        Draft draft = new Draft(note, forgottenCount + inOrder.size() + 1, cause == null ? 0 : cause.number);
        drafts.put(note.id(), draft);
        inOrder.add(draft);
    }

    private static PacketStory story(Draft draft) {
        return new PacketStory(draft.number, draft.causeNumber, draft.origin, draft.nanos, draft.packet, draft.ends,
                draft.trace);
    }
}
