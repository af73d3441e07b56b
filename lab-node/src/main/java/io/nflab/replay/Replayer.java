package io.nflab.replay;

import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.Step;
import io.nflab.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replays scenarios: each on a fresh lab of its topology, step by step, every action as one
 * {@link LabSession} call ({@link ActionCalls}) and every expectation evaluated right after its step
 * ({@link ExpectationEvaluator}; counters are read with {@code iptables -L … -v -x -n --line-numbers} on
 * the node). A failed expectation does not stop the replay: every step runs and is reported. At the end
 * the lab's {@link LabSession#snapshot()} is kept for the report.
 *
 * <p>Everything in the result comes from the lab, which is deterministic, except the wall-clock times.
 */
public final class Replayer {
    private final Function<Topology, LabSession> labs;
    private final Clock wallClock;

    /**
     * @param labs      starts a lab for a topology (the replay closes it)
     * @param wallClock measures how long things took, for the reports' wall-clock fields
     */
    public Replayer(Function<Topology, LabSession> labs, Clock wallClock) {
        this.labs = Objects.requireNonNull(labs, "labs");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /** Replays each scenario on a lab of its own. */
    public ReplayResult replay(List<Scenario> scenarios) {
        Instant start = wallClock.instant();
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            results.add(replay(scenario));
        }
        return new ReplayResult(results, start, Duration.between(start, wallClock.instant()));
    }

    /** Replays one scenario on a new lab of its topology. */
    public ScenarioResult replay(Scenario scenario) {
        try (LabSession session = labs.apply(scenario.topology())) {
            return replayOn(scenario, session);
        }
    }

    /** Replays one scenario on a running lab (which stays open). */
    public ScenarioResult replayOn(Scenario scenario, LabSession session) {
        Instant start = wallClock.instant();
        List<StepResult> steps = new ArrayList<>();
        for (Step step : scenario.steps()) {
            steps.add(run(steps.size() + 1, step, session));
        }
        return new ScenarioResult(scenario, steps, session.snapshot(), start, Duration.between(start, wallClock.instant()));
    }

    private StepResult run(int number, Step step, LabSession session) {
        Instant start = wallClock.instant();
        Activity activity;
        List<ExpectationResult> results = new ArrayList<>();
        try {
            activity = ActionCalls.perform(session, step.action());
            for (Expectation expectation : step.expectations()) {
                results.add(ExpectationEvaluator.evaluate(expectation, activity,
                        (node, argv) -> session.command(node, argv, "")));
            }
        } catch (UserInputException e) {
            return new StepResult(number, step, Optional.empty(), List.of(), Optional.of(e.getMessage()),
                    Duration.between(start, wallClock.instant()));
        }
        return new StepResult(number, step, Optional.of(activity), results, Optional.empty(),
                Duration.between(start, wallClock.instant()));
    }
}
