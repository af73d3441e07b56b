package io.nflab.console;

import io.nflab.lab.ClockText;
import io.nflab.lab.PacketStory;
import io.nflab.lab.TraceText;
import io.nflab.packet.PacketText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A packet's story as {@code trace ID} prints it: what the packet was, who sent it when (and in answer to
 * which packet), every hop in aligned columns ({@link TraceText}) and where it ended ({@link PacketBrief#FATES}).
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
            TraceText.lines(story.trace()).forEach(line -> lines.add("  " + line));
        }
        lines.add("  ended: " + PacketBrief.FATES.ends(story, known));
        return lines;
    }
}
