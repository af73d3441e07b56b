package io.nflab.console;

import io.nflab.lab.Columns;
import io.nflab.lab.PacketStory;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per packet, aligned: {@code   #3  tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S  delivered on
 * web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S} — its id (for {@code trace}), what it was
 * and where it ended.
 */
public final class PacketSummary {
    /** A packet text longer than this does not widen the column. */
    private static final int MAX_PACKET_COLUMN = 64;

    private PacketSummary() {
    }

    /** The lines for {@code stories}, the first {@code limit} of them, then a line telling how many were left out. */
    public static List<String> lines(List<PacketStory> stories, int limit) {
        int idWidth = 0;
        int packetWidth = 0;
        for (PacketStory story : stories) {
            idWidth = Math.max(idWidth, id(story).length());
            packetWidth = Math.max(packetWidth, Math.min(MAX_PACKET_COLUMN, PacketBrief.of(story.packet()).length()));
        }
        List<String> lines = new ArrayList<>();
        for (PacketStory story : stories.subList(0, Math.min(limit, stories.size()))) {
            lines.add(("  " + Columns.pad(id(story), idWidth) + "  " + Columns.pad(PacketBrief.of(story.packet()), packetWidth) + "  "
                    + PacketBrief.FATES.ends(story, stories)));
        }
        if (stories.size() > limit) {
            lines.add("  … " + (stories.size() - limit) + " more: `packets' lists them all");
        }
        return lines;
    }

    private static String id(PacketStory story) {
        return "#" + story.id();
    }
}
