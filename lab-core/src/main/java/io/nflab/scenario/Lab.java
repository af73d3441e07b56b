package io.nflab.scenario;

import io.nflab.topology.Topology;
import java.util.List;
import java.util.Objects;

/** A lab folder: its {@code topology.yaml} and the scenarios in its {@code scenarios/} folder. Load one with {@link LabLoader}. */
public record Lab(Topology topology, List<Scenario> scenarios) {

    public Lab {
        Objects.requireNonNull(topology, "topology");
        scenarios = List.copyOf(scenarios);
    }
}
