package io.nflab.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.SourceLocation;
import io.nflab.kernel.KernelLab;
import io.nflab.kernel.KernelLabOptions;
import io.nflab.kernel.ProcessResult;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.lab.LocalLab;
import io.nflab.packet.PacketText;
import io.nflab.scenario.Action;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.Step;
import io.nflab.stack.RandomCase;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-kernel's building blocks over seeded random cases ({@link RandomCase}: a random gateway ruleset and
 * random packets, each case a scenario of {@code send} steps): one kernel lab for all cases (the gateway's
 * ruleset and conntrack table flushed in between, as {@code RandomKernelComparisonTest} does), a fresh
 * {@link LocalLab} per case, no difference allowed. {@code -Dnflab.verifySeed0=N -Dnflab.verifyCases=M} picks
 * the seeds (default 1001 to 1300, apart from the random stack comparison's); the seed of a failing case is in
 * the message. Needs root and {@code ip netns}; skipped elsewhere.
 */
class RandomVerifyKernelTest {
    @TempDir
    Path dir;

    @Test
    void randomScenariosAgreeWithTheKernel() throws IOException {
        NetnsAvailability.assumeKernelLab();
        Topology topology = RandomCase.topology(dir);
        long first = Long.getLong("nflab.verifySeed0", 1001);
        int cases = Integer.getInteger("nflab.verifyCases", 300);
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        try (KernelLab kernelLab = KernelLab.start(topology, KernelLabOptions.DEFAULT)) {
            for (String node : List.of("client", "gw", "server")) {
                // a SYN-ACK nobody answers is never retransmitted, so nothing of one case leaks into the next
                check(kernelLab.exec(node, List.of("sysctl", "-q", "-w", "net.ipv4.tcp_synack_retries=0")));
            }
            for (long seed = first; seed < first + cases; seed++) {
                RandomCase c = RandomCase.generate(seed);
                Scenario scenario = scenario(topology, c);
                SideRun kernel = KernelScenarioRunner.run(scenario, StepPlan.DEFAULT, reset(kernelLab, c));
                SideRun nflab;
                try (LocalLab lab = LocalLab.start(scenario.topology())) {
                    nflab = LabScenarioRunner.run(scenario, StepPlan.DEFAULT, lab);
                }
                List<Difference> differences = Comparison.compare(kernel, nflab);
                if (!differences.isEmpty()) {
                    System.out.println("verify-kernel random case: seed " + seed + " differs");
                    failures.add(c.describe() + differences.stream().map(Difference::toString)
                            .collect(Collectors.joining("\n")));
                }
            }
        }
        System.out.printf("verify-kernel random cases: seeds %d to %d, %.1f s%n", first, first + cases - 1,
                (System.nanoTime() - started) / 1e9);
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " random scenarios differ:\n\n"
                + String.join("\n\n", failures));
    }

    /** The reused kernel lab as a fresh one with the case's gateway ruleset: rules and conntrack flushed. */
    private static KernelLab reset(KernelLab lab, RandomCase c) {
        check(lab.exec("gw", List.of("nft", "flush", "ruleset")));
        check(lab.exec("gw", List.of("conntrack", "-F")));
        if (!c.ruleset().isEmpty()) {
            check(lab.exec("gw", List.of("iptables-restore"), c.ruleset()));
        }
        return lab;
    }

    private static void check(ProcessResult result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("kernel lab command failed: " + result);
        }
    }

    private static Scenario scenario(Topology topology, RandomCase c) {
        List<NodeSpec> nodes = topology.nodes().stream().map(n -> !n.name().equals("gw") || c.ruleset().isEmpty() ? n
                : new NodeSpec(n.name(), n.kind(), n.interfaces(), n.routes(),
                        Optional.of(new Ruleset(c.ruleset(), Optional.empty(), SourceLocation.startOf("gw.rules"))),
                        n.sysctls(), n.services(), n.placement())).toList();
        List<Step> steps = c.sends().stream().map(s -> new Step(SourceLocation.startOf("seed-" + c.seed()),
                Optional.empty(), new Action.Send(s.node(), PacketText.parse(s.packet())), List.of())).toList();
        return new Scenario("random-" + c.seed(), Optional.empty(),
                new Topology(topology.name(), topology.description(), topology.segments(), nodes), steps);
    }
}
