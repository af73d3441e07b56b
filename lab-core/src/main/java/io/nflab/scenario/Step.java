package io.nflab.scenario;

import io.nflab.diagnostics.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a scenario: an action and what must hold afterwards.
 *
 * @param location where the step is written, for reports of failed expectations
 */
public record Step(SourceLocation location, Optional<String> name, Action action, List<Expectation> expectations) {

    public Step {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        expectations = List.copyOf(expectations);
    }
}
