package io.nflab.replay;

import io.nflab.lab.PacketStory;
import io.nflab.netfilter.eval.Place;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.NetfilterPlace;
import io.nflab.scenario.RejectWith;
import io.nflab.scenario.RuleRef;
import io.nflab.stack.Fate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Evaluates {@code delivered}, {@code dropped} and {@code rejected} against the fates of a step's packets.
 * An expectation holds when one end of one packet fits it. When none does, the explanation first names the
 * near misses on the expected node (a packet that arrived with other headers, a drop at another rule), then
 * where every packet of the step ended instead. A fit is given the fate and its text ({@link StoryText#FATES}).
 */
final class FateExpectations {
    /** How many packets the "instead" part of an explanation lists before it summarizes the rest. */
    static final int LISTED_PACKETS = 6;

    private FateExpectations() {
    }

    static ExpectationResult delivered(Expectation.Delivered expected, List<PacketStory> packets) {
        return evaluate(expected, expected.node(), packets, (fate, seen) -> {
            if (!(fate instanceof Fate.Delivered d)) {
                return Fit.NONE;
            }
            List<String> differences = new ArrayList<>();
            expected.iface().filter(i -> !i.equals(d.iface()))
                    .ifPresent(i -> differences.add("interface " + d.iface() + ", expected " + i));
            differences.addAll(ArrivedHeaders.of(d.packet()).mismatches(expected.headers()));
            return differences.isEmpty() ? Fit.EXACT
                    : Fit.near(seen + ", but " + String.join(", ", differences));
        });
    }

    static ExpectationResult dropped(Expectation.Dropped expected, List<PacketStory> packets) {
        return evaluate(expected, expected.node(), packets, (fate, seen) -> {
            if (fate instanceof Fate.Rejected) {
                return Fit.near(seen + ", not dropped silently");
            }
            if (!(fate instanceof Fate.Dropped d)) {
                return Fit.NONE;
            }
            if (expected.place().equals(NetfilterPlace.ANYWHERE)) {
                return Fit.EXACT;
            }
            return d.place().map(p -> placeFit(expected.place(), p, seen))
                    .orElse(Fit.near(seen + ", not by netfilter"));
        });
    }

    static ExpectationResult rejected(Expectation.Rejected expected, List<PacketStory> packets) {
        return evaluate(expected, expected.node(), packets, (fate, seen) -> {
            if (fate instanceof Fate.Dropped) {
                return Fit.near(seen + ", not rejected");
            }
            if (!(fate instanceof Fate.Rejected r)) {
                return Fit.NONE;
            }
            Fit place = placeFit(expected.place(), r.place(), seen);
            if (place.kind() != Fit.Kind.EXACT || expected.with().isEmpty()) {
                return place;
            }
            RejectWith with = expected.with().get();
            Optional<RejectWith> sent = r.reply().flatMap(RejectWith::answeredBy);
            return sent.equals(Optional.of(with)) ? Fit.EXACT
                    : Fit.near(seen + ", but expected " + with.keyword());
        });
    }

    /** Whether {@code actual} is where {@code expected} points; a near miss names the difference. */
    private static Fit placeFit(NetfilterPlace expected, Place actual, String seen) {
        List<String> differences = new ArrayList<>();
        expected.table().filter(t -> !t.equals(actual.table().label()))
                .ifPresent(t -> differences.add("table " + t));
        expected.chain().filter(c -> !c.equals(actual.chain())).ifPresent(c -> differences.add("chain " + c));
        expected.rule().filter(r -> !ruleFits(r, actual))
                .ifPresent(r -> differences.add(ExpectationText.rule(r)));
        return differences.isEmpty() ? Fit.EXACT : Fit.near(seen + ", expected " + String.join(", ", differences));
    }

    private static boolean ruleFits(RuleRef rule, Place place) {
        if (rule instanceof RuleRef.Numbered n) {
            return place.isRule() && place.number() == n.number();
        }
        return place.step() == Place.Step.POLICY;
    }

    private static ExpectationResult evaluate(Expectation expected, String node, List<PacketStory> packets,
                                              BiFunction<Fate, String, Fit> fit) {
        List<String> nearMisses = new ArrayList<>();
        List<Long> onNode = new ArrayList<>();
        for (PacketStory story : packets) {
            for (Fate fate : story.ends()) {
                if (!fate.node().equals(node)) {
                    continue;
                }
                addOnce(onNode, story.id());
                String seen = StoryText.FATES.of(fate, story, List.of());
                Fit result = fit.apply(fate, seen);
                if (result.kind() == Fit.Kind.EXACT) {
                    return ExpectationResult.held(expected, "packet " + story.id() + " " + seen,
                            List.of(story.id()));
                }
                if (result.kind() == Fit.Kind.NEAR) {
                    nearMisses.add("packet " + story.id() + " " + result.text());
                }
            }
        }
        if (packets.isEmpty()) {
            return ExpectationResult.failed(expected, "the step put no packet on the way");
        }
        StringBuilder why = new StringBuilder();
        if (nearMisses.isEmpty()) {
            why.append("no packet of the step was ").append(expected.keyword()).append(" on ").append(node);
        } else {
            why.append(String.join("\n", nearMisses));
        }
        why.append("\ninstead:");
        int listed = 0;
        for (PacketStory story : packets) {
            if (listed++ == LISTED_PACKETS) {
                why.append("\n  … and ").append(packets.size() - LISTED_PACKETS).append(" more packets");
                break;
            }
            why.append("\n  ").append(StoryText.name(story)).append(": ").append(StoryText.FATES.ends(story, List.of()));
        }
        List<Long> relevant = onNode.isEmpty() ? packets.stream().map(PacketStory::id).toList() : onNode;
        return ExpectationResult.failed(expected, why.toString(), relevant);
    }

    private static void addOnce(List<Long> ids, long id) {
        if (!ids.contains(id)) {
            ids.add(id);
        }
    }

    /** How well one end fits: exactly, not at all, or nearly (same node and kind), with what differs. */
    private record Fit(Kind kind, String text) {
        static final Fit EXACT = new Fit(Kind.EXACT, "");
        static final Fit NONE = new Fit(Kind.NONE, "");

        enum Kind { EXACT, NEAR, NONE }

        static Fit near(String text) {
            return new Fit(Kind.NEAR, text);
        }
    }
}
