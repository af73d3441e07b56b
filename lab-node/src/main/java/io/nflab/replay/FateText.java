package io.nflab.replay;

import io.nflab.lab.Hop;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.eval.Place;
import io.nflab.stack.Fate;
import java.util.ArrayList;
import java.util.List;

/** One-line texts of where packets ended and of the hops of their traces, for people reading a report. */
public final class FateText {

    private FateText() {
    }

    /** {@code filter FORWARD rule 2} or {@code filter FORWARD policy}, at hook {@code FORWARD}. */
    public static String place(Place place) {
        String what = switch (place.step()) {
            case RULE -> "rule " + place.number();
            case POLICY -> "policy";
            case RETURN -> "return";
            case NOT_HOOKED -> "no chain";
        };
        return place.table().label() + " " + place.chain() + " " + what;
    }

    /**
     * Where a packet ended, e.g. {@code delivered on web eth0 as tcp … ttl 63},
     * {@code dropped on gw by filter FORWARD policy (hook FORWARD)}, {@code dropped on client: no route}.
     */
    public static String of(Fate fate) {
        if (fate instanceof Fate.Delivered d) {
            return "delivered on " + d.node() + " " + d.iface() + " as " + d.packet();
        }
        if (fate instanceof Fate.Dropped d) {
            return d.place()
                    .map(p -> "dropped on " + d.node() + " by " + place(p) + " (hook " + p.hook() + ")")
                    .orElse("dropped on " + d.node() + ": " + d.reason());
        }
        if (fate instanceof Fate.Rejected r) {
            return "rejected on " + r.node() + " by " + place(r.place()) + " (hook " + r.place().hook() + "), "
                    + r.reply().map(reply -> "answered with "
                            + RejectReplies.kindOf(reply).map(k -> k.keyword() + " ").orElse("") + reply)
                    .orElse("no answer sent");
        }
        Fate.Sent s = (Fate.Sent) fate;
        return (s.forwarded() ? "forwarded out of " : "sent out of ") + s.node() + " " + s.iface() + " as " + s.packet();
    }

    /** {@code packet 3 (tcp … flags S, from client)}: how a report names a packet. */
    public static String name(PacketStory story) {
        return "packet " + story.id() + " (" + story.packet() + ", from " + story.origin()
                + (story.causeId() == 0 ? "" : ", caused by packet " + story.causeId()) + ")";
    }

    /** Where the packet ended, every place joined with {@code "; "}, or that it never ended. */
    public static String ends(PacketStory story) {
        if (story.ends().isEmpty()) {
            return "still in flight when the lab was quiet";
        }
        List<String> parts = new ArrayList<>();
        story.ends().forEach(f -> parts.add(of(f)));
        return String.join("; ", parts);
    }

    /**
     * One hop of a trace, like a TRACE log line: lab time, node, interfaces, hook, table, chain, rule and
     * what happened: {@code 0.000012s gw IN=eth0 OUT=eth1 FORWARD filter:FORWARD:2 ACCEPT}.
     */
    public static String hop(Hop hop) {
        StringBuilder line = new StringBuilder();
        line.append(seconds(hop.nanos())).append(' ').append(hop.node());
        if (!hop.inInterface().isEmpty()) {
            line.append(" IN=").append(hop.inInterface());
        }
        if (!hop.outInterface().isEmpty()) {
            line.append(" OUT=").append(hop.outInterface());
        }
        line.append(' ').append(hop.hook());
        if (!hop.table().isEmpty() || !hop.chain().isEmpty()) {
            line.append(' ').append(hop.table()).append(':').append(hop.chain());
            if (hop.rule() != Hop.NO_RULE) {
                line.append(':').append(hop.rule());
            }
        }
        if (!hop.text().isEmpty()) {
            line.append(' ').append(hop.text());
        }
        return line.toString();
    }

    /** Lab nanoseconds as seconds with nine decimals: {@code 1.000000250s}. */
    public static String seconds(long nanos) {
        return String.format("%d.%09ds", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
