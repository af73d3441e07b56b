package io.nflab.stack;

import io.nflab.netfilter.eval.PacketLog;
import io.nflab.netfilter.eval.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects what one entry-point call emits; doubles as the engine's {@link PacketLog}. */
final class Emission implements PacketLog {
    // made on first use: most calls emit a frame or two and a fate, and trace or log nothing
    private List<OutFrame> frames;
    private List<Fate> fates;
    private List<TraceEntry> trace;
    private List<String> log;
    private final KernelLog dmesg;
    private final long now;
    private final Consumer<Fate> watch;

    /**
     * What a call at lab time {@code now} emits; its log lines also go to the node's {@code dmesg}, and
     * {@code watch} hears every fate as it is added (the stack's {@link PacketWatcher}).
     */
    Emission(KernelLog dmesg, long now, Consumer<Fate> watch) {
        this.dmesg = dmesg;
        this.now = now;
        this.watch = watch;
    }

    void frame(OutFrame frame) {
        if (frames == null) {
            frames = new ArrayList<>(2);
        }
        frames.add(frame);
    }

    void fate(Fate fate) {
        if (fates == null) {
            fates = new ArrayList<>(2);
        }
        fates.add(fate);
        watch.accept(fate);
    }

    @Override
    public void log(int level, String line) {
        if (log == null) {
            log = new ArrayList<>();
        }
        log.add(line);
        dmesg.add(now, line);
    }

    @Override
    public void trace(TraceEntry entry) {
        if (trace == null) {
            trace = new ArrayList<>();
        }
        trace.add(entry);
        log(TraceEntry.LEVEL, entry.line());
    }

    StackOutput output() {
        if (frames == null && fates == null && trace == null && log == null) {
            return StackOutput.EMPTY;
        }
        return new StackOutput(orNone(frames), orNone(fates), orNone(trace), orNone(log));
    }

    private static <T> List<T> orNone(List<T> list) {
        return list == null ? List.of() : list;
    }
}
