package io.nflab.replay;

import io.nflab.scenario.Expectation;
import java.util.List;
import java.util.Objects;

/**
 * Whether one expectation held after its step.
 *
 * @param explanation     what was seen: the packet, output or counters that satisfied it, or, when it did not
 *                        hold, what happened instead, in words a user can act on
 * @param relevantPackets the ids of the step's packets that explain the result (their traces are worth reading)
 */
public record ExpectationResult(Expectation expectation, boolean held, String explanation, List<Long> relevantPackets) {

    public ExpectationResult {
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(explanation, "explanation");
        relevantPackets = List.copyOf(relevantPackets);
    }

    static ExpectationResult held(Expectation expectation, String explanation, List<Long> packets) {
        return new ExpectationResult(expectation, true, explanation, packets);
    }

    static ExpectationResult failed(Expectation expectation, String explanation, List<Long> packets) {
        return new ExpectationResult(expectation, false, explanation, packets);
    }

    static ExpectationResult held(Expectation expectation, String explanation) {
        return held(expectation, explanation, List.of());
    }

    static ExpectationResult failed(Expectation expectation, String explanation) {
        return failed(expectation, explanation, List.of());
    }
}
