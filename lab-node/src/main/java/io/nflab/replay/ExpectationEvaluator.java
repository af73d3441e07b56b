package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.scenario.Expectation;
import java.util.List;

/**
 * Decides whether an expectation held after its step, from what the step caused (its {@link Activity})
 * and, for counters, the node's listing of the chain. A pure function of those: the replay and the tests
 * feed it the same way.
 */
public final class ExpectationEvaluator {

    /** Runs a command on a node of the lab (the replay reads counters through it). */
    @FunctionalInterface
    public interface NodeCommands {
        Activity run(String node, List<String> argv);
    }

    private ExpectationEvaluator() {
    }

    /** Whether {@code expectation} held after a step that caused {@code step}; {@code nodes} reads counters. */
    public static ExpectationResult evaluate(Expectation expectation, Activity step, NodeCommands nodes) {
        if (expectation instanceof Expectation.Delivered d) {
            return FateExpectations.delivered(d, step.packets());
        }
        if (expectation instanceof Expectation.Dropped d) {
            return FateExpectations.dropped(d, step.packets());
        }
        if (expectation instanceof Expectation.Rejected r) {
            return FateExpectations.rejected(r, step.packets());
        }
        if (expectation instanceof Expectation.Connection c) {
            return OutputExpectations.connection(c, step);
        }
        if (expectation instanceof Expectation.Output o) {
            return OutputExpectations.output(o, step);
        }
        if (expectation instanceof Expectation.ExitStatus e) {
            return OutputExpectations.exit(e, step);
        }
        return CounterExpectations.evaluate((Expectation.Counters) expectation, nodes);
    }
}
