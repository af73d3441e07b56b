package io.nflab.replay;

import io.nflab.scenario.Expectation;
import io.nflab.scenario.HeaderExpectation;
import io.nflab.scenario.NetfilterPlace;
import io.nflab.scenario.RuleRef;
import io.nflab.scenario.TextMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One line of text for an expectation, as a report names it: {@code delivered on web eth0 with dport 8080,
 * flags S}, {@code dropped on gw by filter FORWARD policy}, {@code output contains "0 flow entries"}.
 */
public final class ExpectationText {
    private static final int QUOTE_LIMIT = 60;

    private ExpectationText() {
    }

    public static String of(Expectation expectation) {
        if (expectation instanceof Expectation.Delivered d) {
            return "delivered on " + d.node() + d.iface().map(i -> " " + i).orElse("") + headers(d.headers());
        }
        if (expectation instanceof Expectation.Dropped d) {
            return "dropped on " + d.node() + place(d.place());
        }
        if (expectation instanceof Expectation.Rejected r) {
            return "rejected on " + r.node() + place(r.place()) + r.with().map(w -> " with " + w.keyword()).orElse("");
        }
        if (expectation instanceof Expectation.Connection c) {
            return "connection " + c.outcome().keyword();
        }
        if (expectation instanceof Expectation.Output o) {
            return o.stream().keyword() + (o.match() instanceof TextMatch.Equals e ? " equals " + quote(e.text())
                    : " contains " + quote(((TextMatch.Contains) o.match()).text()));
        }
        if (expectation instanceof Expectation.ExitStatus e) {
            return "exit " + e.code();
        }
        Expectation.Counters c = (Expectation.Counters) expectation;
        List<String> values = new ArrayList<>();
        c.packets().ifPresent(p -> values.add("packets " + p));
        c.bytes().ifPresent(b -> values.add("bytes " + b));
        return "counters of " + c.node() + " " + c.table() + " " + c.chain() + " " + rule(c.rule()) + ": "
                + String.join(", ", values);
    }

    /** {@code rule 2} or {@code policy}. */
    static String rule(RuleRef rule) {
        return rule instanceof RuleRef.Numbered n ? "rule " + n.number() : "policy";
    }

    /** {@code " by filter FORWARD rule 2"}, the given parts only; empty for anywhere. */
    static String place(NetfilterPlace place) {
        List<String> parts = new ArrayList<>();
        place.table().ifPresent(parts::add);
        place.chain().ifPresent(parts::add);
        place.rule().ifPresent(r -> parts.add(rule(r)));
        return parts.isEmpty() ? "" : " by " + String.join(" ", parts);
    }

    /** A text in double quotes on one line ({@code \n} for newlines), cut after {@value #QUOTE_LIMIT} characters. */
    static String quote(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
        return "\"" + (escaped.length() > QUOTE_LIMIT ? escaped.substring(0, QUOTE_LIMIT) + "…" : escaped) + "\"";
    }

    private static String headers(HeaderExpectation h) {
        List<String> fields = new ArrayList<>();
        h.src().ifPresent(v -> fields.add("src " + v));
        h.dst().ifPresent(v -> fields.add("dst " + v));
        add(fields, "sport", h.sport());
        add(fields, "dport", h.dport());
        h.protocol().ifPresent(v -> fields.add("proto " + v));
        add(fields, "ttl", h.ttl());
        h.tos().ifPresent(v -> fields.add(String.format("tos 0x%02x", v)));
        h.flags().ifPresent(v -> fields.add("flags " + v));
        h.icmpType().ifPresent(v -> fields.add("icmp-type " + v));
        add(fields, "icmp-code", h.icmpCode());
        return fields.isEmpty() ? "" : " with " + String.join(", ", fields);
    }

    private static void add(List<String> fields, String name, OptionalInt value) {
        value.ifPresent(v -> fields.add(name + " " + v));
    }
}
