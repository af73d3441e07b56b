package io.nflab.conntrack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a {@link ProbeScenario} to a {@link ConntrackTable} at the lab times the kernel run recorded, and
 * describes each step's outcome the way {@link #describeKernel} describes the kernel's, so the two lists
 * can be compared. A forwarded packet is tracked and, unless dropped, confirmed at once.
 */
final class ModelReplay {
    private ModelReplay() {
    }

    static List<String> replay(ProbeScenario scenario, List<JsonNode> kernel, ConntrackTable table) {
        scenario.sysctls().forEach((key, value) -> table.setSettings(table.settings().with(key, value)));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scenario.steps().size(); i++) {
            ProbeScenario.Step step = scenario.steps().get(i);
            JsonNode recorded = kernel.get(i);
            long now = recorded.get("t").asLong();
            if (step instanceof ProbeScenario.Send send) {
                ConntrackResult result = table.track(send.packet(recorded.get("length").asInt()), now);
                if (!result.dropped()) {
                    table.confirm(result, now);
                }
                out.add(send + " -> " + result.state() + "/" + result.direction());
            } else if (step instanceof ProbeScenario.Proc) {
                out.add(ConntrackFormat.procNfConntrack(table, now));
            } else if (step instanceof ProbeScenario.Cli cli) {
                List<String> argv = new ArrayList<>(List.of("conntrack"));
                argv.addAll(cli.args());
                ConntrackCli.Result result = ConntrackCli.execute(table, now, argv);
                out.add(describeCli(result.exitCode(), result.stdout(), result.stderr()));
            } else {
                out.add("");
            }
        }
        return out;
    }

    private static String describeCli(int exitCode, String stdout, String stderr) {
        return "exit " + exitCode + "\n" + stderr + "--- stdout\n" + stdout;
    }

    static List<String> describeKernel(ProbeScenario scenario, List<JsonNode> kernel) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < scenario.steps().size(); i++) {
            ProbeScenario.Step step = scenario.steps().get(i);
            JsonNode recorded = kernel.get(i);
            if (step instanceof ProbeScenario.Send send) {
                String dir = recorded.get("dir").isNull() ? "null" : recorded.get("dir").asText();
                String state = recorded.get("state").asText();
                out.add(send + " -> " + state + "/" + (state.equals("NEW") ? "ORIGINAL" : dir));
            } else if (step instanceof ProbeScenario.Proc) {
                out.add(recorded.get("text").asText());
            } else if (step instanceof ProbeScenario.Cli) {
                out.add(describeCli(recorded.get("rc").asInt(), recorded.get("stdout").asText(),
                        recorded.get("stderr").asText()));
            } else {
                out.add("");
            }
        }
        return out;
    }

    /**
     * Whether a step came out the same: packets the same state and direction; listings the same lines in
     * any order with timeouts at most a second apart (see {@link #sameProc}); conntrack the same exit code
     * and stderr.
     */
    static boolean sameOutcome(ProbeScenario.Step step, String expected, String actual) {
        if (step instanceof ProbeScenario.Proc) {
            return sameProc(expected, actual);
        }
        if (step instanceof ProbeScenario.Cli cli) {
            int split = expected.indexOf("--- stdout\n");
            int otherSplit = actual.indexOf("--- stdout\n");
            int timeoutField = String.join(" ", cli.args()).contains("extended") ? 4 : 2;
            return expected.substring(0, split).equals(actual.substring(0, otherSplit))
                    && sameListing(expected.substring(split), actual.substring(otherSplit), timeoutField);
        }
        return expected.equals(actual);
    }

    /**
     * Whether two /proc/net/nf_conntrack texts show the same entries, in any order, with timeouts at most
     * a second apart: the kernel counts in jiffies from the moment it saw a packet, the replay in recorded
     * nanoseconds, and the two may fall on either side of a second.
     */
    static boolean sameProc(String expected, String actual) {
        return sameListing(expected, actual, 4);
    }

    /** Like {@link #sameProc} for any listing whose timeout is field {@code timeoutField}. */
    static boolean sameListing(String expected, String actual, int timeoutField) {
        List<String[]> left = split(expected, timeoutField);
        List<String[]> right = split(actual, timeoutField);
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i)[1].equals(right.get(i)[1])
                    || Math.abs(Long.parseLong(left.get(i)[0]) - Long.parseLong(right.get(i)[0])) > 1) {
                return false;
            }
        }
        return true;
    }

    /** Each line as {timeout, the line with its timeout field replaced by '~'}, sorted by the latter. */
    private static List<String[]> split(String text, int timeoutField) {
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] entry = {"0", line};
            java.util.regex.Matcher field = FIELD.matcher(line);
            for (int i = 0; field.find(); i++) {
                if (i == timeoutField) {
                    if (field.group().chars().allMatch(Character::isDigit)) {
                        entry = new String[] {field.group(),
                            line.substring(0, field.start()) + "~" + line.substring(field.end())};
                    }
                    break;
                }
            }
            lines.add(entry);
        }
        lines.sort((x, y) -> x[1].compareTo(y[1]));
        return lines;
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("\\S+");
}
