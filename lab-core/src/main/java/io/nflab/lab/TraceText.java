package io.nflab.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * A packet's hops as the console's {@code trace ID} and the replay report print them, one line each in
 * aligned columns: lab time, node, hook, the place ({@code nat PREROUTING rule 1}, {@code filter FORWARD}
 * for a policy, whose text says so, or a table alone for its work outside its chains), the interfaces as
 * TRACE and LOG write them ({@code IN=eth0 OUT=eth1}), and what happened ({@link Hop#text()}):
 * <pre>
 * 0.000090s  gw  PREROUTING  nat                     IN=eth0           DNAT dst 203.0.113.1:80 -&gt; 192.168.1.2:8080
 * 0.000090s  gw  FORWARD     filter FORWARD rule 1  IN=eth0 OUT=eth1  -A FORWARD … -j ACCEPT
 * </pre>
 */
public final class TraceText {
    private TraceText() {
    }

    /** One line per hop, without indentation; a column no hop has a value in is left out. */
    public static List<String> lines(List<Hop> hops) {
        int node = 0;
        int hook = 0;
        int place = 0;
        int interfaces = 0;
        for (Hop hop : hops) {
            node = Math.max(node, hop.node().length());
            hook = Math.max(hook, hop.hook().length());
            place = Math.max(place, place(hop).length());
            interfaces = Math.max(interfaces, interfaces(hop).length());
        }
        List<String> lines = new ArrayList<>();
        for (Hop hop : hops) {
            String line = ClockText.micros(hop.nanos()) + "  " + Columns.pad(hop.node(), node) + "  "
                    + Columns.pad(hop.hook(), hook) + column(place(hop), place) + column(interfaces(hop), interfaces)
                    + "  " + hop.text();
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    /** {@code nat PREROUTING rule 1}, {@code filter FORWARD}, {@code nat}, or nothing. */
    private static String place(Hop hop) {
        if (hop.table().isEmpty()) {
            return "";
        }
        String chain = hop.chain().isEmpty() ? "" : " " + hop.chain();
        return hop.table() + chain + (hop.rule() == Hop.NO_RULE ? "" : " rule " + hop.rule());
    }

    /** {@code IN=eth0 OUT=eth1}, leaving out an empty side. */
    private static String interfaces(Hop hop) {
        String in = hop.inInterface().isEmpty() ? "" : "IN=" + hop.inInterface();
        String out = hop.outInterface().isEmpty() ? "" : "OUT=" + hop.outInterface();
        return (in + " " + out).strip();
    }

    /** A column of {@code width}, with its separator, or nothing when no hop has a value in it. */
    private static String column(String text, int width) {
        return width == 0 ? "" : "  " + Columns.pad(text, width);
    }
}
