package io.nflab.verify;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.KernelLabOptions;
import io.nflab.kernel.Observation;
import io.nflab.kernel.ProcessResult;
import io.nflab.lab.LabSnapshot;
import io.nflab.scenario.Action;
import io.nflab.scenario.Scenario;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a scenario on the real kernel: its topology as a {@link KernelLab} (throwaway namespaces, always
 * deleted), each {@code send} as the exact packet written by the node's raw socket, each command inside the
 * node's namespace, short clock steps waited out; records every packet each interface received and, at the
 * end, each node's {@code iptables-save -c} and {@code conntrack -L}. Needs root ({@link KernelLab#start}).
 */
public final class KernelScenarioRunner {
    private KernelScenarioRunner() {
    }

    /** The scenario's run in a kernel lab built with {@code options}. */
    public static SideRun run(Scenario scenario, StepPlan plan, KernelLabOptions options) {
        try (KernelLab lab = KernelLab.start(scenario.topology(), options)) {
            return run(scenario, plan, lab);
        }
    }

    /**
     * The scenario's run in a kernel lab the caller built and prepared (its nodes, interfaces and rulesets as
     * the scenario's topology has them: reusing one lab for many scenarios of one topology saves building it
     * each time, the caller resetting what the previous scenario left behind). The lab stays open.
     */
    public static SideRun run(Scenario scenario, StepPlan plan, KernelLab lab) {
        List<StepResult> results = plan.walk(scenario,
                (number, action, what) -> runStep(lab, scenario, number, action, what));
        Map<String, LabSnapshot.NodeState> state = new LinkedHashMap<>();
        for (NodeSpec node : scenario.topology().nodes()) {
            state.put(node.name(), new LabSnapshot.NodeState(
                    PacketComparison.withoutComments(lab.iptablesSave(node.name())),
                    lab.conntrackList(node.name()).stdout()));
        }
        return new SideRun("kernel", results, state);
    }

    private static StepResult runStep(KernelLab lab, Scenario scenario, int number, String action, Action what) {
        if (what instanceof Action.Send send) {
            Observation seen = lab.send(send.from(), send.packet());
            List<Reception> receptions = new ArrayList<>();
            for (NodeSpec node : scenario.topology().nodes()) {
                for (String iface : interfaces(node)) {
                    seen.received(node.name(), iface).forEach(p -> receptions.add(
                            new Reception(node.name(), iface, PacketComparison.describe(p))));
                }
            }
            return new StepResult(number, action, Optional.empty(), seen.failure().map(f -> f.errno()), receptions,
                    Optional.empty());
        }
        if (what instanceof Action.Command command) {
            List<String> argv = new ArrayList<>();
            argv.add(command.tool().keyword());
            argv.addAll(command.arguments());
            ProcessResult r = lab.exec(command.on(), argv);
            return new StepResult(number, action, Optional.empty(), Optional.empty(), List.of(),
                    Optional.of(new CommandOutput(command.tool().keyword(), r.exitCode(), r.stdout(), r.stderr())));
        }
        if (what instanceof Action.AdvanceClock clock) {
            try {
                Thread.sleep(clock.advance().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting out " + action, e);
            }
            return new StepResult(number, action, Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        }
        throw new IllegalArgumentException("not a step a kernel lab runs: " + action);
    }

    /** The node's interfaces in topology order, then {@code lo}. */
    static List<String> interfaces(NodeSpec node) {
        List<String> names = new ArrayList<>(node.interfaces().stream().map(InterfaceSpec::name).toList());
        names.add("lo");
        return names;
    }
}
