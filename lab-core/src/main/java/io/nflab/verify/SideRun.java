package io.nflab.verify;

import io.nflab.lab.LabSnapshot;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario run on one side: each step's result, and at the end every node's {@code iptables-save -c} (comment
 * lines removed: they hold time stamps) and {@code conntrack -L}.
 */
public record SideRun(String side, List<StepResult> steps, Map<String, LabSnapshot.NodeState> finalState) {
    public SideRun {
        steps = List.copyOf(steps);
        finalState = Collections.unmodifiableMap(new TreeMap<>(finalState));
    }
}
