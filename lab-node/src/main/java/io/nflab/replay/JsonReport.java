package io.nflab.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabEvent;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.ConnectionOutcome;
import io.nflab.scenario.RejectWith;
import io.nflab.stack.Fate;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The machine-readable replay report ({@code --report-json FILE}, DESIGN.md "Replay report";
 * docs/replay.md describes every field). Wall-clock values are only in the objects named
 * {@value #WALL_CLOCK}; everything else is the same in every replay of the same scenarios.
 */
public final class JsonReport {
    /** The value of the top-level {@code format} field; it changes when a field changes meaning. */
    public static final String FORMAT = "nflab-replay-report/1";
    /** The name of the objects that hold wall-clock values, and only those. */
    public static final String WALL_CLOCK = "wallClock";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as indented JSON text, ending with a newline. */
    public static String text(ReplayResult result) {
        try {
            return MAPPER.writeValueAsString(of(result)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serializes
        }
    }

    /** The report as a JSON tree. */
    public static ObjectNode of(ReplayResult result) {
        ObjectNode root = JSON.objectNode();
        root.put("format", FORMAT);
        root.put("result", result.status().text());
        ArrayNode scenarios = root.putArray("scenarios");
        result.scenarios().forEach(s -> scenarios.add(scenario(s)));
        root.set(WALL_CLOCK, wallClock(result.startedAt(), result.wallTime()));
        return root;
    }

    private static ObjectNode scenario(ScenarioResult result) {
        ObjectNode node = JSON.objectNode();
        node.put("name", result.scenario().name());
        node.put("description", result.scenario().description().orElse(null));
        node.put("file", result.file());
        node.put("lab", result.scenario().topology().name());
        node.put("result", result.status().text());
        ArrayNode steps = node.putArray("steps");
        result.steps().forEach(s -> steps.add(step(s)));
        node.set("final", snapshot(result.finalState()));
        node.set(WALL_CLOCK, wallClock(result.startedAt(), result.wallTime()));
        return node;
    }

    private static ObjectNode step(StepResult result) {
        ObjectNode node = JSON.objectNode();
        node.put("number", result.number());
        node.put("name", result.step().name().orElse(null));
        node.put("action", ActionText.of(result.step().action()));
        node.set("location", location(result.step().location()));
        node.put("result", result.status().text());
        node.put("error", result.error().orElse(null));
        ArrayNode expectations = node.putArray("expectations");
        result.expectations().forEach(e -> expectations.add(expectation(e)));
        result.activity().ifPresentOrElse(a -> activity(node, a), () -> noActivity(node));
        ObjectNode wall = node.putObject(WALL_CLOCK);
        wall.put("durationMillis", millis(result.wallTime()));
        return node;
    }

    /** The fields of what a step caused, null or empty for a step that could not run. */
    private static void noActivity(ObjectNode node) {
        ObjectNode clock = node.putObject("labClock");
        clock.putNull("startNanos");
        clock.putNull("endNanos");
        node.putNull("exitCode");
        node.putNull("stdout");
        node.putNull("stderr");
        node.putNull("connection");
        node.putArray("packets");
        node.putArray("events");
    }

    /** The fields of what the step caused: lab clock, output, connection outcome, packets, lab events. */
    private static void activity(ObjectNode node, Activity activity) {
        ObjectNode clock = node.putObject("labClock");
        clock.put("startNanos", activity.startNanos());
        clock.put("endNanos", activity.endNanos());
        node.put("exitCode", activity.exitCode());
        node.put("stdout", activity.stdout());
        node.put("stderr", activity.stderr());
        node.put("connection", activity.outcome()
                .map(o -> ConnectionOutcome.of(o).map(ConnectionOutcome::keyword).orElse("pending")).orElse(null));
        ArrayNode packets = node.putArray("packets");
        activity.packets().forEach(p -> packets.add(story(p)));
        ArrayNode events = node.putArray("events");
        for (LabEvent event : activity.events()) {
            events.addObject().put("nanos", event.nanos()).put("text", event.text());
        }
    }

    private static ObjectNode expectation(ExpectationResult result) {
        ObjectNode node = JSON.objectNode();
        node.put("kind", result.expectation().keyword());
        node.put("text", ExpectationText.of(result.expectation()));
        node.put("held", result.held());
        node.put("explanation", result.explanation());
        ArrayNode packets = node.putArray("packets");
        result.relevantPackets().forEach(packets::add);
        return node;
    }

    private static ObjectNode story(PacketStory story) {
        ObjectNode node = JSON.objectNode();
        node.put("id", story.id());
        node.put("causeId", story.causeId());
        node.put("origin", story.origin());
        node.put("createdNanos", story.createdNanos());
        node.set("packet", packet(story.packet()));
        ArrayNode ends = node.putArray("ends");
        story.ends().forEach(f -> ends.add(fate(f)));
        ArrayNode trace = node.putArray("trace");
        story.trace().forEach(h -> trace.add(hop(h)));
        return node;
    }

    /** A packet's headers: {@code text} (nflab's packet text) and each field; null where the protocol has none. */
    static ObjectNode packet(Ipv4Packet packet) {
        ArrivedHeaders headers = ArrivedHeaders.of(packet);
        ObjectNode node = JSON.objectNode();
        node.put("text", packet.toString());
        node.put("src", headers.src().toString());
        node.put("dst", headers.dst().toString());
        node.put("proto", headers.proto().name());
        putOptional(node, "sport", headers.sport());
        putOptional(node, "dport", headers.dport());
        node.put("ttl", headers.ttl());
        node.put("tos", headers.tos());
        node.put("flags", headers.flags().map(Object::toString).orElse(null));
        node.put("icmpType", headers.icmpType().map(t -> t.name()).orElse(null));
        putOptional(node, "icmpCode", headers.icmpCode());
        node.put("length", packet.totalLength());
        return node;
    }

    static ObjectNode fate(Fate fate) {
        ObjectNode node = JSON.objectNode();
        if (fate instanceof Fate.Delivered d) {
            node.put("fate", "delivered");
            node.put("node", d.node());
            node.put("interface", d.iface());
        } else if (fate instanceof Fate.Dropped d) {
            node.put("fate", "dropped");
            node.put("node", d.node());
            d.place().ifPresentOrElse(p -> place(node, p), () -> noPlace(node));
            node.put("reason", d.reason());
        } else if (fate instanceof Fate.Rejected r) {
            node.put("fate", "rejected");
            node.put("node", r.node());
            place(node, r.place());
            node.put("with", r.reply().flatMap(RejectWith::answeredBy).map(w -> w.keyword()).orElse(null));
            node.set("reply", r.reply().map(JsonReport::packet).orElse(null));
        } else {
            Fate.Sent s = (Fate.Sent) fate;
            node.put("fate", s.forwarded() ? "forwarded" : "sent");
            node.put("node", s.node());
            node.put("interface", s.iface());
        }
        node.set("packet", packet(fate.packet()));
        return node;
    }

    /** A drop outside netfilter: no hook, table, chain or rule. */
    private static void noPlace(ObjectNode node) {
        node.putNull("hook");
        node.putNull("table");
        node.putNull("chain");
        node.putNull("rule");
    }

    /** {@code hook}, {@code table}, {@code chain}, {@code rule}: a rule's number, or {@code "policy"}. */
    private static void place(ObjectNode node, Place place) {
        node.put("hook", place.hook().name());
        node.put("table", place.table().label());
        node.put("chain", place.chain());
        if (place.isRule()) {
            node.put("rule", place.number());
        } else {
            node.put("rule", place.step().text());
        }
    }

    static ObjectNode hop(Hop hop) {
        ObjectNode node = JSON.objectNode();
        node.put("node", hop.node());
        node.put("nanos", hop.nanos());
        node.put("in", hop.inInterface());
        node.put("out", hop.outInterface());
        node.put("hook", hop.hook());
        node.put("table", hop.table());
        node.put("chain", hop.chain());
        if (hop.rule() == Hop.NO_RULE) {
            node.putNull("rule");
        } else {
            node.put("rule", hop.rule());
        }
        node.put("what", hop.text());
        return node;
    }

    private static ObjectNode snapshot(LabSnapshot snapshot) {
        ObjectNode node = JSON.objectNode();
        node.put("labClockNanos", snapshot.nanos());
        ObjectNode nodes = node.putObject("nodes");
        for (Map.Entry<String, LabSnapshot.NodeState> entry : snapshot.nodes().entrySet()) {
            nodes.putObject(entry.getKey())
                    .put("iptablesSave", entry.getValue().iptablesSave())
                    .put("conntrack", entry.getValue().conntrack());
        }
        return node;
    }

    private static ObjectNode location(SourceLocation location) {
        return JSON.objectNode().put("file", location.file()).put("line", location.line())
                .put("column", location.column());
    }

    private static ObjectNode wallClock(Instant startedAt, Duration took) {
        return JSON.objectNode().put("startedAt", startedAt.toString()).put("durationMillis", millis(took));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static void putOptional(ObjectNode node, String field, OptionalInt value) {
        if (value.isPresent()) {
            node.put(field, value.getAsInt());
        } else {
            node.putNull(field);
        }
    }
}
