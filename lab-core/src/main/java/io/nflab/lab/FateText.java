package io.nflab.lab;

import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.RejectWith;
import io.nflab.stack.Fate;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a packet ended, in the words the console ({@code packets}, {@code trace ID}) and the replay report
 * both use. A netfilter place reads as iptables names it: table, chain, then the rule number or the
 * policy (with the hook for a user chain); the verb is the target (DROP: dropped, REJECT: rejected, with
 * the {@code --reject-with} answer its reply is):
 * <ul>
 * <li>{@code delivered on web eth0 as tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S}
 * <li>{@code dropped on gw by filter FORWARD policy DROP}, {@code dropped on gw by raw PREROUTING rule 3}
 * <li>{@code dropped on gw: no route (ENETUNREACH)}
 * <li>{@code rejected on gw by filter f2b rule 4 (hook INPUT) with icmp-port-unreachable, answered by #8}
 * <li>{@code forwarded out of gw eth1 as …}, {@code sent out of client eth0}
 * <li>{@code still in flight}
 * </ul>
 * {@code as PACKET} follows only when the packet, shown the way this text shows packets, differs from the
 * packet as its story began (NAT, a TTL). A REJECT's reply is named {@code #ID} when its story is known.
 */
public final class FateText {
    private final Function<Ipv4Packet, String> packets;

    /** A fate text that shows packets with {@code packets} (e.g. a brief for one-line lists, or packet text). */
    public FateText(Function<Ipv4Packet, String> packets) {
        this.packets = packets;
    }

    /**
     * Every end of {@code story}, joined with {@code "; "}, or {@code still in flight}; {@code known} are
     * stories that may hold the replies it caused (to name them by id).
     */
    public String ends(PacketStory story, Collection<PacketStory> known) {
        if (story.ends().isEmpty()) {
            return "still in flight";
        }
        return story.ends().stream().map(fate -> of(fate, story, known)).collect(Collectors.joining("; "));
    }

    /** One end of {@code story}. */
    public String of(Fate fate, PacketStory story, Collection<PacketStory> known) {
        if (fate instanceof Fate.Delivered delivered) {
            return "delivered on " + delivered.node() + " " + delivered.iface() + as(story, delivered.packet());
        }
        if (fate instanceof Fate.Dropped dropped) {
            return dropped.place()
                    .map(place -> "dropped on " + dropped.node() + " by " + place(place)
                            + (place.isRule() ? "" : " DROP"))
                    .orElse("dropped on " + dropped.node() + ": " + dropped.reason());
        }
        if (fate instanceof Fate.Rejected rejected) {
            return "rejected on " + rejected.node() + " by " + place(rejected.place()) + answer(rejected, story, known);
        }
        Fate.Sent sent = (Fate.Sent) fate;
        return (sent.forwarded() ? "forwarded" : "sent") + " out of " + sent.node() + " " + sent.iface()
                + as(story, sent.packet());
    }

    /**
     * A place as iptables names it: {@code filter FORWARD rule 2}, {@code filter FORWARD policy},
     * {@code filter f2b rule 4 (hook INPUT)} for a user chain.
     */
    public static String place(Place place) {
        String what = place.isRule() ? "rule " + place.number() : place.step().text();
        String hook = place.chain().equals(place.hook().name()) ? "" : " (hook " + place.hook() + ")";
        return place.table().label() + " " + place.chain() + " " + what + hook;
    }

    /** {@code " as PACKET"} when the packet shows otherwise than as its story began. */
    private String as(PacketStory story, Ipv4Packet seen) {
        String after = packets.apply(seen);
        return after.equals(packets.apply(story.packet())) ? "" : " as " + after;
    }

    /** {@code " with tcp-reset, answered by #8"}, {@code ", no answer sent"}. */
    private String answer(Fate.Rejected rejected, PacketStory story, Collection<PacketStory> known) {
        if (rejected.reply().isEmpty()) {
            return ", no answer sent";
        }
        Ipv4Packet reply = rejected.reply().get();
        Optional<PacketStory> answer = known.stream()
                .filter(s -> s.causeId() == story.id() && s.origin().equals(rejected.node()))
                .findFirst();
        return RejectWith.answeredBy(reply).map(with -> " with " + with.keyword()).orElse("")
                + answer.map(s -> ", answered by #" + s.id()).orElse(", answered with " + packets.apply(reply));
    }
}
