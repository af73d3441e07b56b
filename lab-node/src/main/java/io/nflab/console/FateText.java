package io.nflab.console;

import io.nflab.lab.PacketStory;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.Fate;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a packet ended, in words: {@code delivered to web:eth0 as tcp …}, {@code dropped on gw at
 * filter/FORWARD policy}, {@code dropped on gw: no route}, {@code rejected on gw at filter/INPUT rule 3,
 * answered by #8}. A reply is named by its packet id when a story in {@code known} is the reply.
 */
public final class FateText {
    private FateText() {
    }

    /** Every end of the story, joined with {@code ; }; {@code still in flight} when it has none. */
    public static String ends(PacketStory story, Collection<PacketStory> known) {
        if (story.ends().isEmpty()) {
            return "still in flight";
        }
        return story.ends().stream().map(fate -> of(fate, story, known)).collect(Collectors.joining("; "));
    }

    static String of(Fate fate, PacketStory story, Collection<PacketStory> known) {
        if (fate instanceof Fate.Delivered delivered) {
            return "delivered to " + delivered.node() + ":" + delivered.iface() + rewritten(story.packet(), delivered.packet());
        }
        if (fate instanceof Fate.Dropped dropped) {
            return dropped.place()
                    .map(place -> "dropped on " + dropped.node() + " at " + place(place))
                    .orElse("dropped on " + dropped.node() + ": " + dropped.reason());
        }
        if (fate instanceof Fate.Rejected rejected) {
            return "rejected on " + rejected.node() + " at " + place(rejected.place()) + reply(rejected, story, known);
        }
        Fate.Sent sent = (Fate.Sent) fate;
        return "sent out of " + sent.node() + ":" + sent.iface() + " (no one took it)" + rewritten(story.packet(), sent.packet());
    }

    /** {@code filter/FORWARD rule 2}, {@code filter/FORWARD policy}, {@code filter/f2b rule 1 (INPUT)}. */
    public static String place(Place place) {
        String what = place.isRule() ? "rule " + place.number() : place.step().text();
        String hook = place.chain().equals(place.hook().name()) ? "" : " (" + place.hook() + ")";
        return place.table().label() + "/" + place.chain() + " " + what + hook;
    }

    /** {@code  as BRIEF} when NAT changed what the brief shows (addresses, ports). */
    private static String rewritten(Ipv4Packet created, Ipv4Packet seen) {
        String before = PacketBrief.of(created);
        String after = PacketBrief.of(seen);
        return before.equals(after) ? "" : " as " + after;
    }

    private static String reply(Fate.Rejected rejected, PacketStory story, Collection<PacketStory> known) {
        if (rejected.reply().isEmpty()) {
            return ", no reply";
        }
        Optional<PacketStory> answer = known.stream()
                .filter(s -> s.causeId() == story.id() && s.origin().equals(rejected.node()))
                .findFirst();
        return answer.map(s -> ", answered by #" + s.id())
                .orElse(", answered with " + PacketBrief.of(rejected.reply().get()));
    }
}
