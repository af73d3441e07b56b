package io.nflab.stack;

import io.nflab.netfilter.eval.PacketLog;
import io.nflab.netfilter.eval.TraceEntry;
import java.util.ArrayList;
import java.util.List;

/** Collects what one entry-point call emits; doubles as the engine's {@link PacketLog}. */
final class Emission implements PacketLog {
    private final List<OutFrame> frames = new ArrayList<>();
    private final List<Fate> fates = new ArrayList<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final KernelLog dmesg;
    private final long now;

    /** What a call at lab time {@code now} emits; its log lines also go to the node's {@code dmesg}. */
    Emission(KernelLog dmesg, long now) {
        this.dmesg = dmesg;
        this.now = now;
    }

    void frame(OutFrame frame) {
        frames.add(frame);
    }

    void fate(Fate fate) {
        fates.add(fate);
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
