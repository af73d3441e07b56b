package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.SourceLocation;
import io.nflab.kernel.KernelLab;
import io.nflab.kernel.KernelLabOptions;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.Observation;
import io.nflab.kernel.ProcessResult;
import io.nflab.kernel.Settle;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Ruleset;
import io.nflab.topology.Topology;
import io.nflab.verify.ConntrackListing;
import io.nflab.verify.PacketComparison;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded random kernel comparison: for each {@link RandomCase} the gateway of a client — gw — server lab
 * gets a random ruleset, the nodes send random packets, once in the real kernel ({@link KernelLab}, one lab
 * reused for every case: ruleset and conntrack flushed in between) and once through net stacks wired
 * together ({@link TestLab}, fresh for each case). Both sides must agree on every packet: whether the send
 * failed, which packets each interface received with which headers (IP ids aside), the gateway's
 * {@code iptables-save -c} and its {@code conntrack -L} (timeouts within a second).
 *
 * <p>{@code -Dnflab.seed=N} replays one case; {@code -Dnflab.seed0=N -Dnflab.cases=M} runs M cases from seed
 * N (default: seeds 1 to 100); {@code -Dnflab.verbose=true} prints every emulated fate. Needs root and {@code ip netns}; skipped elsewhere.
 */
class RandomKernelComparisonTest {
    /** Each case's packets are answered within a millisecond; 20 ms of quiet is a wide margin. */
    private static final Settle SETTLE = new Settle(Duration.ofMillis(20), Duration.ofSeconds(2));
    /** What an injection costs the kernel lab beyond its quiet time (docs/kernel-lab.md: about 4 ms). */
    private static final long STEP_OVERHEAD_NANOS = 4_000_000L;

    @TempDir
    Path dir;

    @Test
    void randomRulesetsAndFlowsFareAsInTheKernel() throws IOException {
        NetnsAvailability.assumeKernelLab();
        List<Long> seeds = seeds();
        Topology topology = RandomCase.topology(dir);
        List<String> failures = new ArrayList<>();
        try (KernelLab kernel = KernelLab.start(topology, KernelLabOptions.DEFAULT.withSettle(SETTLE))) {
            for (String node : List.of("client", "gw", "server")) {
                // a SYN-ACK nobody answers is never retransmitted, so nothing of one case leaks into the next
                check(kernel.exec(node, List.of("sysctl", "-q", "-w", "net.ipv4.tcp_synack_retries=0")));
            }
            for (long seed : seeds) {
                RandomCase c = RandomCase.generate(seed);
                System.out.println("kernel comparison: seed " + seed);
                Transcript real = inKernel(kernel, c);
                Transcript emulated = onStacks(topology, c);
                String difference = real.difference(emulated);
                if (!difference.isEmpty()) {
                    failures.add(c.describe() + difference);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + seeds.size() + " cases differ:\n\n"
                + String.join("\n\n", failures));
    }

    private static List<Long> seeds() {
        Long one = Long.getLong("nflab.seed");
        if (one != null) {
            return List.of(one);
        }
        long first = Long.getLong("nflab.seed0", 1);
        int cases = Integer.getInteger("nflab.cases", 100);
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            seeds.add(first + i);
        }
        return seeds;
    }

    // ------------------------------------------------------------------------------------------- kernel

    private static Transcript inKernel(KernelLab kernel, RandomCase c) {
        check(kernel.exec("gw", List.of("nft", "flush", "ruleset")));
        check(kernel.exec("gw", List.of("conntrack", "-F")));
        if (!c.ruleset().isEmpty()) {
            check(kernel.exec("gw", List.of("iptables-restore"), c.ruleset()));
        }
        List<String> packets = new ArrayList<>();
        for (RandomCase.Send send : c.sends()) {
            Observation seen = kernel.send(send.node(), PacketText.parse(send.packet()));
            StringBuilder text = new StringBuilder(send.toString());
            seen.failure().ifPresent(f -> text.append("\n  send failed: ").append(f.errno()));
            for (String[] watched : RandomCase.WATCHED) {
                seen.received(watched[0], watched[1]).forEach(p -> text.append(line(watched, p)));
            }
            packets.add(text.toString());
        }
        ProcessResult conntrack = kernel.conntrackList("gw");
        return new Transcript(packets, PacketComparison.withoutComments(kernel.iptablesSave("gw")), conntrack.stdout(),
                conntrack.stderr());
    }

    private static void check(ProcessResult result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("kernel lab command failed: " + result);
        }
    }

    // ------------------------------------------------------------------------------------------- stacks

    private static Transcript onStacks(Topology topology, RandomCase c) {
        TestLab lab = new TestLab(withGatewayRules(topology, c.ruleset()));
        List<String> packets = new ArrayList<>();
        for (RandomCase.Send send : c.sends()) {
            lab.advance(SETTLE.quiet().toNanos() + STEP_OVERHEAD_NANOS); // the kernel side's pace between sends
            int receivedBefore = lab.received.size();
            int fatesBefore = lab.fates.size();
            lab.send(send.node(), PacketText.parse(send.packet()));
            List<TestLab.Received> received = lab.received.subList(receivedBefore, lab.received.size());
            List<Fate> fates = lab.fates.subList(fatesBefore, lab.fates.size());
            StringBuilder text = new StringBuilder(send.toString());
            fates.stream().filter(f -> f.node().equals(send.node())).findFirst()
                    .filter(RandomKernelComparisonTest::refusedBySendingStack)
                    .ifPresent(f -> text.append("\n  send failed: EPERM"));
            for (String[] watched : RandomCase.WATCHED) {
                if (watched[1].equals("lo")) {
                    fates.stream().filter(f -> f instanceof Fate.Sent sent && sent.node().equals(watched[0])
                            && sent.iface().equals("lo")).forEach(f -> text.append(line(watched, f.packet())));
                } else {
                    received.stream().filter(r -> r.node().equals(watched[0]) && r.iface().equals(watched[1]))
                            .filter(r -> r.frame().payload() instanceof Ipv4Packet)
                            .forEach(r -> text.append(line(watched, (Ipv4Packet) r.frame().payload())));
                }
            }
            packets.add(text.toString());
            if (Boolean.getBoolean("nflab.verbose")) {
                System.out.println(send + "\n  " + fates.stream().map(Fate::toString)
                        .collect(Collectors.joining("\n  ")));
            }
        }
        String save = lab.run("gw", "iptables-save", "-c");
        ConsoleResult conntrack = lab.node("gw").command(List.of("conntrack", "-L"), "", lab.now);
        return new Transcript(packets, PacketComparison.withoutComments(save), conntrack.stdout(), conntrack.stderr());
    }

    /** A netfilter verdict in OUTPUT or POSTROUTING of the sender: the kernel's sendto fails with EPERM. */
    private static boolean refusedBySendingStack(Fate fate) {
        return fate instanceof Fate.Rejected || fate instanceof Fate.Dropped dropped && dropped.place().isPresent();
    }

    private static Topology withGatewayRules(Topology topology, String rules) {
        List<NodeSpec> nodes = topology.nodes().stream().map(n -> !n.name().equals("gw") || rules.isEmpty() ? n
                : new NodeSpec(n.name(), n.kind(), n.interfaces(), n.routes(),
                        Optional.of(new Ruleset(rules, Optional.empty(), SourceLocation.startOf("gw.rules"))),
                        n.sysctls(), n.services(), n.placement())).toList();
        return new Topology(topology.name(), topology.description(), topology.segments(), nodes);
    }

    // ------------------------------------------------------------------------------------------- both

    /** One received packet, as {@link PacketComparison} writes it. */
    private static String line(String[] watched, Ipv4Packet packet) {
        return "\n  " + watched[0] + ":" + watched[1] + " < " + PacketComparison.describe(packet);
    }

    /** What one side did with a case. */
    private record Transcript(List<String> packets, String save, String conntrack, String conntrackSummary) {

        /** Empty when both agree; else each disagreeing part, kernel first. */
        String difference(Transcript nflab) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < packets.size(); i++) {
                if (!packets.get(i).equals(nflab.packets.get(i))) {
                    out.append("packet ").append(i + 1).append(" differs\n kernel: ").append(packets.get(i))
                            .append("\n nflab:  ").append(nflab.packets.get(i)).append('\n');
                }
            }
            if (!save.equals(nflab.save)) {
                out.append("iptables-save -c differs\n--- kernel\n").append(save).append("\n--- nflab\n")
                        .append(nflab.save).append('\n');
            }
            if (!ConntrackListing.same(conntrack, nflab.conntrack) || !conntrackSummary.equals(nflab.conntrackSummary)) {
                out.append("conntrack -L differs\n--- kernel\n").append(conntrack).append(conntrackSummary)
                        .append("--- nflab\n").append(nflab.conntrack).append(nflab.conntrackSummary);
            }
            return out.toString();
        }
    }
}
