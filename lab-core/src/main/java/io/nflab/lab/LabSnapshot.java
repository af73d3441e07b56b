package io.nflab.lab;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Every node's state as the tools print it, keyed by node name (sorted): for reports and kernel comparison. */
public record LabSnapshot(long nanos, Map<String, NodeState> nodes) {
    public LabSnapshot {
        nodes = java.util.Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** One node: {@code iptables-save -c} and {@code conntrack -L} output (stdout only). */
    public record NodeState(String iptablesSave, String conntrack) {
        public NodeState {
            Objects.requireNonNull(iptablesSave, "iptablesSave");
            Objects.requireNonNull(conntrack, "conntrack");
        }
    }
}
