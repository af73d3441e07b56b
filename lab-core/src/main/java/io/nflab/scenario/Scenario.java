package io.nflab.scenario;

import io.nflab.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario file ({@code scenarios/*.yaml} in a lab, see docs/scenario.md): steps replayed in order
 * against a topology. Load one with {@link ScenarioLoader}.
 */
public record Scenario(String name, Optional<String> description, Topology topology, List<Step> steps) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(topology, "topology");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs steps");
        }
    }
}
