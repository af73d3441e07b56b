package io.nflab.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ip corpus (lab-core/src/test/resources/ip-corpus): cases of {@code @directives} and {@code ip}
 * commands, and what the real iproute2 and kernel answered to each command, recorded by
 * tools/ip-corpus/generate. Case files list their lines; expected files use the iptables corpus's format
 * ({@code ### command}, {@code exit N}, {@code --- stdout}, {@code --- stderr}).
 */
final class IpCorpus {

    /** The case names, in order; the generator's file list (kept here so that a new case is not forgotten). */
    static final List<String> CASES = List.of("01-fresh", "10-link", "20-addr", "30-route-show",
            "31-route-add-errors", "32-route-change", "33-link-events", "40-route-get", "41-route-get-input",
            "50-neigh", "60-ip", "70-rule", "71-rule-actions");

    /** A line of a case file: a directive or a command, with what the command gave (null for directives). */
    record Step(String caseName, int line, List<String> words, IpResult expected) {
        boolean isDirective() {
            return words.get(0).startsWith("@");
        }

        String text() {
            return String.join(" ", words);
        }

        @Override
        public String toString() {
            return "cases/" + caseName + ".cmds:" + line + ": " + text();
        }
    }

    private IpCorpus() {
    }

    static List<Step> load(String caseName) {
        List<String> caseLines = lines(read("/ip-corpus/cases/" + caseName + ".cmds"));
        List<IpResult> outcomes = outcomes(caseName, read("/ip-corpus/expected/" + caseName + ".out"));
        List<Step> steps = new ArrayList<>();
        int outcome = 0;
        for (int i = 0; i < caseLines.size(); i++) {
            String line = caseLines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> words = Arrays.asList(line.split(" "));
            boolean directive = words.get(0).startsWith("@");
            if (!directive && outcome >= outcomes.size()) {
                throw new IllegalStateException(caseName + ": more commands than recorded outcomes; regenerate");
            }
            steps.add(new Step(caseName, i + 1, words, directive ? null : outcomes.get(outcome++)));
        }
        if (outcome != outcomes.size()) {
            throw new IllegalStateException(caseName + ": fewer commands than recorded outcomes; regenerate");
        }
        return steps;
    }

    /** The outcomes of an expected file, in order. */
    private static List<IpResult> outcomes(String caseName, String text) {
        List<String> lines = lines(text);
        List<IpResult> results = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && !lines.get(i).startsWith("### ")) {
            i++;
        }
        while (i < lines.size()) {
            i++; // ### command
            int code = Integer.parseInt(lines.get(i++).substring("exit ".length()));
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            i = block(lines, i, "--- stdout", stdout);
            i = block(lines, i, "--- stderr", stderr);
            results.add(new IpResult(code, stdout.toString(), stderr.toString()));
        }
        return results;
    }

    private static int block(List<String> lines, int start, String marker, StringBuilder into) {
        String head = lines.get(start);
        if (!head.startsWith(marker)) {
            throw new IllegalStateException("expected " + marker + " but found " + head);
        }
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).startsWith("--- ") && !lines.get(i).startsWith("### ")) {
            into.append(lines.get(i++)).append('\n');
        }
        if (head.endsWith("(no newline at end)")) {
            into.setLength(into.length() - 1);
        }
        return i;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String read(String resource) {
        try (InputStream in = IpCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
