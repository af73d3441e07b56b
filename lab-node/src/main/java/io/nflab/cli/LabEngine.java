package io.nflab.cli;

import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.topology.Topology;
import java.util.Locale;

/** How a command runs a lab: in-process on one thread ({@code local}) or as Akka actors ({@code actors}). */
enum LabEngine {
    /** {@link LocalLab}: every node's stack in this thread, deterministic and fast. */
    LOCAL {
        @Override
        LabSession open(Topology topology) {
            return LocalLab.start(topology);
        }
    };

    /** Starts a lab of {@code topology}; the caller closes it. */
    abstract LabSession open(Topology topology);

    /** The word on the command line: {@code local}, {@code actors}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
