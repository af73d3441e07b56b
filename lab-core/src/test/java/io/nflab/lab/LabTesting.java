package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.List;

/** What tests read from a lab's activities: the packets that arrived on an interface, where packets ended, and commands that must succeed. */
public final class LabTesting {
    private LabTesting() {
    }

    /** The IPv4 packets that came in on {@code node}'s {@code iface} during {@code activity}, as they were on the wire. */
    public static List<Ipv4Packet> arrivedAt(Activity activity, String node, String iface) {
        return activity.packets().stream().map(PacketStory::trace).flatMap(List::stream)
                .filter(hop -> hop.node().equals(node) && hop.inInterface().equals(iface))
                .flatMap(hop -> hop.wirePacket().stream()).toList();
    }

    /** Every end of the activity's packets on {@code node}. */
    public static List<Fate> endsOn(Activity activity, String node) {
        return activity.packets().stream().flatMap(story -> story.ends().stream())
                .filter(fate -> fate.node().equals(node)).toList();
    }

    /** {@code argv} run on {@code node} with {@code stdin}; it must exit 0. Its stdout. */
    public static String run(LabSession lab, String node, String stdin, String... argv) {
        Activity ran = lab.command(node, List.of(argv), stdin);
        assertEquals(0, ran.exitCode(), String.join(" ", argv) + " on " + node + ": " + ran.stderr());
        return ran.stdout();
    }
}
