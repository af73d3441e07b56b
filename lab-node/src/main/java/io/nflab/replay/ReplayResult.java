package io.nflab.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The replay of one or more scenarios, each on a lab of its own, in the order they were given. */
public record ReplayResult(List<ScenarioResult> scenarios, Instant startedAt, Duration wallTime) {

    public ReplayResult {
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(wallTime, "wallTime");
    }

    public StepResult.Status status() {
        return ScenarioResult.worst(scenarios.stream().map(ScenarioResult::status).toList());
    }
}
