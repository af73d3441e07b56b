package io.nflab.stack;

import io.nflab.netfilter.eval.PacketLog;
import io.nflab.netfilter.eval.TraceEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Collects what one entry-point call emits; doubles as the engine's {@link PacketLog}. */
final class Emission implements PacketLog {
    private final List<OutFrame> frames = new ArrayList<>();
    private final List<Fate> fates = new ArrayList<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
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
        frames.add(frame);
    }

    void fate(Fate fate) {
        fates.add(fate);
        watch.accept(fate);
    }

    @Override
    public void log(int level, String line) {
        log.add(line);
        dmesg.add(now, line);
    }

    @Override
    public void trace(TraceEntry entry) {
        trace.add(entry);
        log(TraceEntry.LEVEL, entry.line());
    }

    StackOutput output() {
        return new StackOutput(frames, fates, trace, log);
    }
}
