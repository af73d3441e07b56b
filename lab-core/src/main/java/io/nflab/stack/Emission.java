package io.nflab.stack;

import io.nflab.netfilter.eval.PacketLog;
import io.nflab.netfilter.eval.TraceEntry;
import io.nflab.packet.EthernetFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects what one entry-point call emits; doubles as the engine's {@link PacketLog}. A stack keeps one and
 * {@link #start}s it for every call: its lists are reused, and {@link #output} hands out immutable copies.
 * A call started with a {@link FrameSink} lists nothing: its frames go to the sink as they are sent, its fates
 * to the watcher only and its log lines to {@code dmesg} only.
 */
final class Emission implements PacketLog {
    private final List<OutFrame> frames = new ArrayList<>(4);
    private final List<Fate> fates = new ArrayList<>(4);
    private final List<TraceEntry> trace = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final KernelLog dmesg;
    private final Consumer<Fate> watch;
    /** Lists the frames: the sink of a call that answers a {@link StackOutput}. */
    private final FrameSink listing = (iface, frame, packetId) -> frames.add(new OutFrame(iface, frame, packetId));
    private FrameSink sink = listing;
    private long now;

    /**
     * What the calls emit; their log lines also go to the node's {@code dmesg}, and {@code watch} hears every
     * fate as it is added (the stack's {@link PacketWatcher}).
     */
    Emission(KernelLog dmesg, Consumer<Fate> watch) {
        this.dmesg = dmesg;
        this.watch = watch;
    }

    /** Starts collecting for a call at lab time {@code labNanos}, empty. */
    Emission start(long labNanos) {
        return start(labNanos, listing);
    }

    /** Starts a call at lab time {@code labNanos} whose frames go to {@code frames}; nothing is listed. */
    Emission start(long labNanos, FrameSink frameSink) {
        sink = frameSink;
        now = labNanos;
        frames.clear();
        fates.clear();
        trace.clear();
        log.clear();
        return this;
    }

    /** {@code frame} leaves by {@code iface}, carrying packet {@code packetId} (0 for ARP). */
    void frame(String iface, EthernetFrame frame, long packetId) {
        sink.send(iface, frame, packetId);
    }

    void fate(Fate fate) {
        if (listing()) {
            fates.add(fate);
        }
        watch.accept(fate);
    }

    @Override
    public void log(int level, String line) {
        if (listing()) {
            log.add(line);
        }
        dmesg.add(now, line);
    }

    @Override
    public void trace(TraceEntry entry) {
        if (listing()) {
            trace.add(entry);
        }
        log(TraceEntry.LEVEL, entry.line());
    }

    private boolean listing() {
        return sink == listing;
    }

    /** What the call emitted, in immutable lists. */
    StackOutput output() {
        if (frames.isEmpty() && fates.isEmpty() && trace.isEmpty() && log.isEmpty()) {
            return StackOutput.EMPTY;
        }
        return new StackOutput(Lists.copyOf(frames), Lists.copyOf(fates), Lists.copyOf(trace), Lists.copyOf(log));
    }
}
