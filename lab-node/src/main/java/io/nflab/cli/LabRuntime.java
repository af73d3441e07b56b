package io.nflab.cli;

import io.nflab.cluster.MemberSettings;
import io.nflab.lab.LabSession;
import io.nflab.runtime.ActorLab;
import io.nflab.topology.Topology;

/**
 * The runtime the command line starts a lab in: Akka actors ({@link ActorLab}, one node or segment per actor,
 * in an actor system of the lab's own, a cluster member: the embedded one-member cluster, or a member of the
 * cluster {@code --seed} names), with full packet stories. The same calls give the same activities as
 * the in-process {@link io.nflab.lab.LocalLab}.
 */
final class LabRuntime {
    private LabRuntime() {
    }

    /** @throws io.nflab.diagnostics.UserInputException when a node's ruleset or sysctl is refused */
    static LabSession start(Topology topology, MemberSettings member) {
        return ActorLab.start(topology, member);
    }
}
