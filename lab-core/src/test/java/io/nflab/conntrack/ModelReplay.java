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
                StringBuilder text = new StringBuilder();
                table.entries(now).forEach(e -> text.append(ConntrackFormat.procLine(e, now)));
                out.add(text.toString());
            } else {
                out.add("");
            }
        }
        return out;
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
            } else {
                out.add("");
            }
        }
        return out;
    }

    /**
     * Whether two /proc/net/nf_conntrack texts show the same entries, in any order, with timeouts at most
     * a second apart: the kernel counts in jiffies from the moment it saw a packet, the replay in recorded
     * nanoseconds, and the two may fall on either side of a second.
     */
    static boolean sameProc(String expected, String actual) {
        List<String[]> left = split(expected);
        List<String[]> right = split(actual);
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

    /** Each line as {timeout, line without timeout}, sorted by the latter. */
    private static List<String[]> split(String text) {
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                String[] fields = line.split(" +", 6);
                lines.add(new String[] {fields[4], fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3]
                        + " " + fields[5]});
            }
        }
        lines.sort((x, y) -> x[1].compareTo(y[1]));
        return lines;
    }
}
