package io.nflab.stack;

import io.nflab.netfilter.eval.TraceEntry;
import java.util.List;

/**
 * What one call on a {@link NetStack} caused: the frames to send out of its interfaces, the fates of the
 * packets it handled (including replies it generated), the TRACE entries of traced packets, and the
 * kernel log lines (LOG target, TRACE) written meanwhile.
 */
public record StackOutput(List<OutFrame> frames, List<Fate> fates, List<TraceEntry> trace, List<String> log) {

    public static final StackOutput EMPTY = new StackOutput(List.of(), List.of(), List.of(), List.of());

    public StackOutput {
        frames = List.copyOf(frames);
        fates = List.copyOf(fates);
        trace = List.copyOf(trace);
        log = List.copyOf(log);
    }

    /** This output followed by {@code later}. */
    public StackOutput andThen(StackOutput later) {
        if (later.equals(EMPTY)) {
            return this;
        }
        return new StackOutput(concat(frames, later.frames), concat(fates, later.fates), concat(trace, later.trace),
                concat(log, later.log));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new java.util.ArrayList<T>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
