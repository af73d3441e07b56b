package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.lab.PacketStory;
import io.nflab.scenario.Step;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one step of a scenario went.
 *
 * @param number       the step's number in its scenario, from 1
 * @param activity     what the step's action caused; empty when the lab refused the action ({@code error})
 * @param expectations each expectation's result, in the order the step lists them
 * @param error        why the lab could not run the action (bad input it found), when it could not
 * @param wallTime     how long the step took on the wall clock (the only field that differs between replays)
 */
public record StepResult(int number, Step step, Optional<Activity> activity, List<ExpectationResult> expectations,
                         Optional<String> error, Duration wallTime) {

    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(activity, "activity");
        expectations = List.copyOf(expectations);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(wallTime, "wallTime");
        if (activity.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("a step either ran (activity) or could not (error)");
        }
    }

    public Status status() {
        if (error.isPresent()) {
            return Status.ERROR;
        }
        return expectations.stream().allMatch(ExpectationResult::held) ? Status.PASSED : Status.FAILED;
    }

    /** The step's name if it has one, else its action on one line. */
    public String title() {
        return step.name().orElseGet(() -> ActionText.of(step.action()));
    }

    /** The stories of the step's packets with these ids, in the order the step created them. */
    public List<PacketStory> packets(List<Long> ids) {
        return activity.map(a -> a.packets().stream().filter(p -> ids.contains(p.id())).toList()).orElse(List.of());
    }

    /** A step's result: every expectation held, one did not, or the lab could not run the action. */
    public enum Status {
        PASSED("passed"),
        FAILED("failed"),
        ERROR("error");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
