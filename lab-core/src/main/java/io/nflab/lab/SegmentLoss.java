package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;

/** The story of a frame a segment lost ({@link SegmentSwitch#loss}): its packet ends, dropped on the wire. */
public final class SegmentLoss {
    private SegmentLoss() {
    }

    /** The notes for {@code frame} lost on {@code segment}: none for ARP. */
    public static List<StoryNote> notes(String segment, LabFrame frame) {
        if (frame.packetId() == 0 || !(frame.frame().payload() instanceof Ipv4Packet packet)) {
            return List.of();
        }
        return List.of(new StoryNote.Ended(frame.packetId(), new Fate.Dropped(frame.fromNode(), Optional.empty(),
                "lost on segment " + segment, packet)));
    }
}
