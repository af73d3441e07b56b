package io.nflab.replay;

import io.nflab.lab.PacketStory;
import io.nflab.lab.TraceText;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay summary people read on the terminal: per scenario, each step with ✓ (held), ✗ (an
 * expectation failed) or ! (the lab could not run it), its title and where it is written; for a failed
 * step each failed expectation, what happened instead, and the hop-by-hop trace of the packets that
 * explain it. Nothing in it comes from the wall clock, so two replays print the same text.
 */
public final class HumanReport {
    /** How many packet traces a failed step shows; the JSON report has them all. */
    static final int TRACED_PACKETS = 4;

    private HumanReport() {
    }

    public static String of(ReplayResult result) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult scenario : result.scenarios()) {
            scenario(out, scenario);
        }
        long steps = result.scenarios().stream().mapToLong(s -> s.steps().size()).sum();
        out.append(count(result.scenarios().size(), "scenario")).append(", ").append(count(steps, "step")).append(": ")
                .append(tally(result.scenarios().stream().mapToLong(s -> s.count(StepResult.Status.PASSED)).sum(),
                        result.scenarios().stream().mapToLong(s -> s.count(StepResult.Status.FAILED)).sum(),
                        result.scenarios().stream().mapToLong(s -> s.count(StepResult.Status.ERROR)).sum()))
                .append('\n');
        return out.toString();
    }

    private static void scenario(StringBuilder out, ScenarioResult scenario) {
        out.append("scenario ").append(scenario.scenario().name()).append(" (").append(scenario.file())
                .append(", lab ").append(scenario.scenario().topology().name()).append(")\n");
        for (StepResult step : scenario.steps()) {
            step(out, step);
        }
        out.append("  ").append(tally(scenario.count(StepResult.Status.PASSED), scenario.count(StepResult.Status.FAILED),
                scenario.count(StepResult.Status.ERROR))).append("\n\n");
    }

    private static void step(StringBuilder out, StepResult step) {
        String mark = switch (step.status()) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case ERROR -> "!";
        };
        out.append("  ").append(mark).append(' ').append(step.number()).append(". ").append(step.title())
                .append("  (").append(step.step().location()).append(")\n");
        indent(out, details(step), "      ");
    }

    /**
     * Why a step did not pass, without its title line: each failed expectation and what happened instead,
     * then the traces of the packets that explain it; empty for a step that passed.
     */
    static String details(StepResult step) {
        StringBuilder out = new StringBuilder();
        step.error().ifPresent(e -> out.append("the lab could not run the step: ").append(e).append('\n'));
        List<Long> traced = new ArrayList<>();
        for (ExpectationResult expectation : step.expectations()) {
            if (expectation.held()) {
                continue;
            }
            out.append("expected ").append(ExpectationText.of(expectation.expectation())).append('\n');
            indent(out, expectation.explanation(), "  ");
            expectation.relevantPackets().stream().filter(id -> !traced.contains(id)).forEach(traced::add);
        }
        List<PacketStory> stories = step.packets(traced);
        for (PacketStory story : stories.subList(0, Math.min(TRACED_PACKETS, stories.size()))) {
            out.append("trace of ").append(StoryText.name(story)).append(":\n");
            if (story.trace().isEmpty()) {
                out.append("  (no hops recorded)\n");
            }
            TraceText.lines(story.trace()).forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (stories.size() > TRACED_PACKETS) {
            out.append("… ").append(stories.size() - TRACED_PACKETS)
                    .append(" more packets; see --report-json for their traces\n");
        }
        return out.toString();
    }

    private static void indent(StringBuilder out, String text, String prefix) {
        text.lines().forEach(line -> out.append(prefix).append(line).append('\n'));
    }

    private static String tally(long passed, long failed, long errors) {
        return passed + " passed, " + failed + " failed" + (errors == 0 ? "" : ", " + errors + " could not run");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
