package io.nflab.cli;

import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.topology.Topology;

/** The runtime the command line starts a lab in: in-process ({@link LocalLab}), with full packet stories. */
final class LabRuntime {
    private LabRuntime() {
    }

    /** @throws io.nflab.diagnostics.UserInputException when a node's ruleset or sysctl is refused */
    static LabSession start(Topology topology) {
        return LocalLab.start(topology);
    }
}
