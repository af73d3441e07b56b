package io.nflab.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One scenario's kernel verification: both runs and their differences. {@link #text()} is what
 * {@code nflab verify-kernel} prints, {@link #json()} what {@code --report-json} writes.
 */
public record VerifyReport(String scenario, SideRun kernel, SideRun nflab, List<Difference> differences) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public VerifyReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(nflab, "nflab");
        differences = List.copyOf(differences);
    }

    /** Runs compared: the report. */
    public static VerifyReport of(String scenario, SideRun kernel, SideRun nflab) {
        return new VerifyReport(scenario, kernel, nflab, Comparison.compare(kernel, nflab));
    }

    public boolean agrees() {
        return differences.isEmpty();
    }

    /** The verdict, the steps left out and why, and every difference. */
    public String text() {
        StringBuilder out = new StringBuilder("scenario ").append(scenario).append(": ");
        long compared = kernel.steps().stream().filter(s -> s.notRun().isEmpty()).count();
        out.append(agrees() ? "agrees with the kernel" : differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + " from the kernel").append(" (").append(compared)
                .append(" of ").append(kernel.steps().size()).append(" steps compared, and every node's "
                        + "iptables-save -c and conntrack -L at the end)\n");
        kernel.steps().stream().filter(s -> s.notRun().isPresent()).forEach(s -> out.append("  step ")
                .append(s.number()).append(" (").append(s.action()).append(") not compared: ")
                .append(s.notRun().get()).append('\n'));
        NatPortPairing.of(kernel, nflab).describe().forEach(p -> out.append("  source NAT port drawn at random by "
                + "the kernel, compared as the emulator's: ").append(p).append('\n'));
        out.append(differences.stream().map(d -> d + "\n").collect(Collectors.joining()));
        return out.toString();
    }

    /** Both sides step by step, their final state and the differences, as JSON. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("agrees", agrees());
        root.set("kernel", side(kernel));
        root.set("nflab", side(nflab));
        ArrayNode diffs = root.putArray("differences");
        for (Difference d : differences) {
            diffs.addObject().put("where", d.where()).put("kernel", d.kernel()).put("nflab", d.nflab());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode side(SideRun run) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode steps = node.putArray("steps");
        for (StepResult s : run.steps()) {
            ObjectNode step = steps.addObject().put("step", s.number()).put("action", s.action());
            s.notRun().ifPresent(r -> step.put("notRun", r));
            s.sendFailure().ifPresent(f -> step.put("sendFailure", f));
            if (!s.receptions().isEmpty()) {
                ArrayNode received = step.putArray("received");
                s.receptions().forEach(r -> received.addObject().put("node", r.node()).put("interface", r.iface())
                        .put("packet", r.packet()));
            }
            s.output().ifPresent(o -> step.putObject("output").put("exit", o.exitCode()).put("stdout", o.stdout())
                    .put("stderr", o.stderr()));
        }
        ObjectNode state = node.putObject("final");
        run.finalState().forEach((name, s) -> state.putObject(name).put("iptablesSave", s.iptablesSave())
                .put("conntrack", s.conntrack()));
        return node;
    }
}
