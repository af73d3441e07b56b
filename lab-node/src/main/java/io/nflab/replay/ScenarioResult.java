package io.nflab.replay;

import io.nflab.lab.LabSnapshot;
import io.nflab.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a scenario's replay went: each step's result and, at the end, every node's state.
 *
 * @param startedAt when the replay started (wall clock)
 * @param wallTime  how long it took (wall clock)
 */
public record ScenarioResult(Scenario scenario, List<StepResult> steps, LabSnapshot finalState, Instant startedAt,
                             Duration wallTime) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        steps = List.copyOf(steps);
        Objects.requireNonNull(finalState, "finalState");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    /** {@code error} if a step could not run, else {@code failed} if an expectation failed, else {@code passed}. */
    public StepResult.Status status() {
        return worst(steps.stream().map(StepResult::status).toList());
    }

    /** The file the scenario was read from, as the user named it. */
    public String file() {
        return steps.get(0).step().location().file();
    }

    public long count(StepResult.Status status) {
        return steps.stream().filter(s -> s.status() == status).count();
    }

    static StepResult.Status worst(List<StepResult.Status> statuses) {
        if (statuses.contains(StepResult.Status.ERROR)) {
            return StepResult.Status.ERROR;
        }
        return statuses.contains(StepResult.Status.FAILED) ? StepResult.Status.FAILED : StepResult.Status.PASSED;
    }
}
