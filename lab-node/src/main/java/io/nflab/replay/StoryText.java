package io.nflab.replay;

import io.nflab.lab.FateText;
import io.nflab.lab.PacketStory;
import io.nflab.packet.PacketText;

/** How the replay reports name a packet and say where it ended: with whole packet texts, as a report keeps them. */
final class StoryText {
    /** Where packets ended ({@link FateText}), showing packets in full packet text. */
    static final FateText FATES = new FateText(PacketText::format);

    private StoryText() {
    }

    /** {@code packet 3 (tcp … flags S, from client)}: how a report names a packet. */
    static String name(PacketStory story) {
        return "packet " + story.id() + " (" + story.packet() + ", from " + story.origin()
                + (story.causeId() == 0 ? "" : ", caused by packet " + story.causeId()) + ")";
    }
}
