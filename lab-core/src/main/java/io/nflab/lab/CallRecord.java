package io.nflab.lab;

import io.nflab.socket.Outcome;
import io.nflab.stack.ConsoleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@link LabSession} call in the making: when it started, which packets existed then (a mark in the
 * {@link StoryBook}) and the lab events so far; {@link #finish} makes its {@link Activity}.
 */
public final class CallRecord {
    private final long start;
    private final int mark;
    private final List<LabEvent> events = new ArrayList<>();

    public CallRecord(long start, StoryBook book) {
        this.start = start;
        this.mark = book.createdCount();
    }

    public long start() {
        return start;
    }

    public void event(LabEvent event) {
        events.add(event);
    }

    /** The activity of a call that printed nothing. */
    public Activity finish(long end, StoryBook book) {
        return finish(end, book, "", "", 0, Optional.empty());
    }

    /** The activity of a console command. */
    public Activity finish(long end, StoryBook book, ConsoleResult result) {
        return finish(end, book, result.stdout(), result.stderr(), result.exitCode(), Optional.empty());
    }

    /** The activity of a client program. */
    public Activity finish(long end, StoryBook book, ClientResult result) {
        return finish(end, book, result.stdout(), result.stderr(), result.exitCode(), result.outcome());
    }

    private Activity finish(long end, StoryBook book, String stdout, String stderr, int exitCode,
                            Optional<Outcome> outcome) {
        List<PacketStory> packets = book.createdSince(mark);
        book.forgetOldest();
        return new Activity(start, end, stdout, stderr, exitCode, outcome, packets, events);
    }
}
