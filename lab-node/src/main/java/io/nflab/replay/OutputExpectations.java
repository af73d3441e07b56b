package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.lab.PacketStory;
import io.nflab.scenario.ConnectionOutcome;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.TextMatch;
import java.util.List;
import java.util.Optional;

/** Evaluates what a step's program said: {@code output}, {@code stderr}, {@code exit} and {@code connection}. */
final class OutputExpectations {
    /** How many lines of a command's output an explanation quotes. */
    static final int QUOTED_LINES = 30;

    private OutputExpectations() {
    }

    static ExpectationResult output(Expectation.Output expected, Activity activity) {
        String stream = expected.stream().keyword();
        String actual = expected.stream() == Expectation.Stream.STDOUT ? activity.stdout() : activity.stderr();
        if (expected.match().test(actual)) {
            return ExpectationResult.held(expected, stream + " " + ExpectationText.quote(actual));
        }
        StringBuilder why = new StringBuilder();
        if (expected.match() instanceof TextMatch.Equals equals) {
            why.append(stream).append(" differs from the expected text ").append(firstDifference(equals.text(), actual));
        } else {
            why.append(stream).append(" does not contain ")
                    .append(ExpectationText.quote(((TextMatch.Contains) expected.match()).text()));
        }
        why.append(actual.isEmpty() ? "; it was empty" : "; it was:" + quoted(actual));
        return ExpectationResult.failed(expected, why.toString(), packetIds(activity));
    }

    static ExpectationResult exit(Expectation.ExitStatus expected, Activity activity) {
        if (activity.exitCode() == expected.code()) {
            return ExpectationResult.held(expected, "exit " + activity.exitCode());
        }
        String stderr = activity.stderr().strip();
        return ExpectationResult.failed(expected, "exit status " + activity.exitCode() + ", expected " + expected.code()
                + (stderr.isEmpty() ? "" : "; stderr:" + quoted(stderr)), packetIds(activity));
    }

    static ExpectationResult connection(Expectation.Connection expected, Activity activity) {
        List<Long> packets = packetIds(activity);
        if (activity.outcome().isEmpty()) {
            return ExpectationResult.failed(expected, "the step ran no connecting client, so it has no connection outcome");
        }
        Optional<ConnectionOutcome> outcome = ConnectionOutcome.of(activity.outcome().get());
        if (outcome.isEmpty()) {
            return ExpectationResult.failed(expected, "the connection was still pending when the client stopped, expected "
                    + expected.outcome().keyword(), packets);
        }
        if (outcome.get() == expected.outcome()) {
            return ExpectationResult.held(expected, "connection " + outcome.get().keyword(), packets);
        }
        return ExpectationResult.failed(expected, "connection " + outcome.get().keyword() + ", expected "
                + expected.outcome().keyword() + describe(activity), packets);
    }

    /** A client's packets explain what it printed: every packet of the step. */
    private static List<Long> packetIds(Activity activity) {
        return activity.packets().stream().map(PacketStory::id).toList();
    }

    private static String describe(Activity activity) {
        String said = (activity.stdout() + activity.stderr()).strip();
        return said.isEmpty() ? "" : "; the client said:" + quoted(said);
    }

    /** {@code at line 3: expected "…", found "…"} (or the end of one of the texts). */
    static String firstDifference(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? ExpectationText.quote(want.get(i)) : "the end of the text";
            String g = i < got.size() ? ExpectationText.quote(got.get(i)) : "the end of the output";
            if (i >= want.size() || i >= got.size() || !want.get(i).equals(got.get(i))) {
                return "at line " + (i + 1) + ": expected " + w + ", found " + g;
            }
        }
        return "in its final newline: expected " + (expected.endsWith("\n") ? "one" : "none")
                + ", found " + (actual.endsWith("\n") ? "one" : "none");
    }

    /** The text on lines of their own, each behind {@code "  | "}, cut after {@value #QUOTED_LINES} lines. */
    static String quoted(String text) {
        List<String> lines = text.lines().toList();
        StringBuilder out = new StringBuilder();
        lines.stream().limit(QUOTED_LINES).forEach(l -> out.append("\n  | ").append(l));
        if (lines.size() > QUOTED_LINES) {
            out.append("\n  | … ").append(lines.size() - QUOTED_LINES).append(" more lines");
        }
        return out.toString();
    }
}
