package io.nflab.console;

import io.nflab.lab.Hop;
import io.nflab.lab.PacketStory;
import io.nflab.packet.PacketText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A packet's story as {@code trace ID} prints it: what the packet was, who sent it when (and in answer to
 * which packet), every hop in aligned columns — time, node, hook, table/chain and rule, interfaces, what
 * happened — and where it ended.
 */
public final class PacketTrace {
    private PacketTrace() {
    }

    /** The lines; {@code known} are stories that may hold the replies it caused (to name them by id). */
    public static List<String> lines(PacketStory story, Collection<PacketStory> known) {
        List<String> lines = new ArrayList<>();
        lines.add("packet #" + story.id() + ": " + PacketBrief.of(story.packet()));
        lines.add("  sent by " + story.origin() + " at " + ClockText.millis(story.createdNanos())
                + (story.causeId() == 0 ? "" : ", in answer to #" + story.causeId()));
        lines.add("  as sent: " + PacketText.format(story.packet()));
        if (story.trace().isEmpty()) {
            lines.add("  no hops recorded");
        } else {
            lines.addAll(hops(story.trace()));
        }
        lines.add("  ended: " + FateText.ends(story, known));
        return lines;
    }

    private static List<String> hops(List<Hop> hops) {
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
            String line = "  " + ClockText.micros(hop.nanos()) + "  " + Columns.pad(hop.node(), node) + "  " + Columns.pad(hop.hook(), hook)
                    + column(place(hop), place) + column(interfaces(hop), interfaces) + "  " + hop.text();
            lines.add(line.stripTrailing());
        }
        return lines;
    }

    /**
     * {@code nat/PREROUTING rule 1}, {@code filter/FORWARD} (a policy: the hop's text says so), {@code nat} (a
     * table's work outside its chains, like a NAT binding applied to a later packet), or nothing.
     */
    private static String place(Hop hop) {
        if (hop.table().isEmpty()) {
            return "";
        }
        String chain = hop.chain().isEmpty() ? "" : "/" + hop.chain();
        return hop.table() + chain + (hop.rule() == Hop.NO_RULE ? "" : " rule " + hop.rule());
    }

    /** {@code IN=eth0 OUT=eth1} as the TRACE and LOG targets write them, leaving out an empty side. */
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
