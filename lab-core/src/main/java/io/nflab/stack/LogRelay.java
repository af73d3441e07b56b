package io.nflab.stack;

import io.nflab.netfilter.eval.PacketLog;
import io.nflab.netfilter.eval.TraceEntry;

/** The engine's log: forwards to the emission of the call in progress (the engine keeps one log for life). */
final class LogRelay implements PacketLog {
    private Emission target;

    void target(Emission emission) {
        target = emission;
    }

    @Override
    public void log(int level, String line) {
        if (target != null) {
            target.log(level, line);
        }
    }

    @Override
    public void trace(TraceEntry entry) {
        if (target != null) {
            target.trace(entry);
        }
    }
}
