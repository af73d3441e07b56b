package io.nflab.verify;

import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabSession;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.eval.Place;
import io.nflab.scenario.Action;
import io.nflab.scenario.Scenario;
import io.nflab.stack.Fate;
import io.nflab.topology.NodeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a scenario on the emulator through the {@link LabSession} contract, recording what a kernel lab
 * records ({@link KernelScenarioRunner}): for each step the packets every interface received from the wire (the
 * {@code wire} hops of the activity's packet stories) and whether a {@code send} failed, each command's
 * output, and at the end the lab's snapshot. Steps the {@link StepPlan} leaves out are left out here too.
 */
public final class LabScenarioRunner {
    private static final Pattern ERRNO = Pattern.compile("\\((E[A-Z]+)");

    private LabScenarioRunner() {
    }

    /** The scenario's run on {@code lab}, which must be running the scenario's topology, fresh. */
    public static SideRun run(Scenario scenario, StepPlan plan, LabSession lab) {
        List<StepResult> results = plan.walk(scenario,
                (number, action, what) -> runStep(lab, scenario, number, action, what));
        Map<String, LabSnapshot.NodeState> state = new LinkedHashMap<>();
        lab.snapshot().nodes().forEach((node, s) -> state.put(node,
                new LabSnapshot.NodeState(PacketComparison.withoutComments(s.iptablesSave()), s.conntrack())));
        return new SideRun("nflab", results, state);
    }

    private static StepResult runStep(LabSession lab, Scenario scenario, int number, String action, Action what) {
        if (what instanceof Action.Send send) {
            Activity activity = lab.send(send.from(), send.packet());
            return new StepResult(number, action, Optional.empty(), sendFailure(activity, send.from()),
                    receptions(activity, scenario), Optional.empty());
        }
        if (what instanceof Action.Command command) {
            List<String> argv = new ArrayList<>();
            argv.add(command.tool().keyword());
            argv.addAll(command.arguments());
            Activity activity = lab.command(command.on(), argv, "");
            return new StepResult(number, action, Optional.empty(), Optional.empty(), List.of(),
                    Optional.of(new CommandOutput(command.tool().keyword(), activity.exitCode(), activity.stdout(), activity.stderr())));
        }
        if (what instanceof Action.AdvanceClock clock) {
            lab.advance(clock.advance().toNanos());
            return new StepResult(number, action, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        }
        throw new IllegalArgumentException("not a step the comparison runs: " + action);
    }

    /**
     * What the sending system call would have answered: {@code EPERM} when the sender's OUTPUT or POSTROUTING
     * dropped or rejected the packet, the routing error when it had no route.
     */
    private static Optional<String> sendFailure(Activity activity, String from) {
        Optional<PacketStory> sent = activity.packets().stream()
                .filter(p -> p.causeId() == 0 && p.origin().equals(from)).findFirst();
        for (Fate end : sent.map(PacketStory::ends).orElse(List.of())) {
            if (!end.node().equals(from)) {
                continue;
            }
            if (end instanceof Fate.Rejected rejected && isOutput(rejected.place())) {
                return Optional.of("EPERM");
            }
            if (end instanceof Fate.Dropped dropped) {
                if (dropped.place().map(LabScenarioRunner::isOutput).orElse(false)) {
                    return Optional.of("EPERM");
                }
                Matcher errno = ERRNO.matcher(dropped.reason());
                if (dropped.place().isEmpty() && dropped.reason().startsWith("no route") && errno.find()) {
                    return Optional.of(errno.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isOutput(Place place) {
        return place.hook() == Hook.OUTPUT || place.hook() == Hook.POSTROUTING;
    }

    /** Every wire arrival (and every packet looped over {@code lo}), in topology order of node and interface. */
    private static List<Reception> receptions(Activity activity, Scenario scenario) {
        record Timed(long nanos, int order, Reception reception) {
        }
        List<Timed> timed = new ArrayList<>();
        for (PacketStory story : activity.packets()) {
            for (Hop hop : story.trace()) {
                Optional<String> iface = !hop.inInterface().isEmpty() ? Optional.of(hop.inInterface())
                        : hop.outInterface().equals("lo") ? Optional.of("lo") : Optional.empty();
                if (iface.isEmpty() || hop.wirePacket().isEmpty()) {
                    continue;
                }
                timed.add(new Timed(hop.nanos(), timed.size(), new Reception(hop.node(), iface.get(),
                        PacketComparison.describe(hop.wirePacket().get()))));
            }
        }
        List<String> order = new ArrayList<>();
        for (NodeSpec node : scenario.topology().nodes()) {
            KernelScenarioRunner.interfaces(node).forEach(i -> order.add(node.name() + ":" + i));
        }
        timed.sort(Comparator.comparingInt((Timed t) -> order.indexOf(t.reception().node() + ":"
                + t.reception().iface())).thenComparingLong(Timed::nanos).thenComparingInt(Timed::order));
        return timed.stream().map(Timed::reception).toList();
    }
}
