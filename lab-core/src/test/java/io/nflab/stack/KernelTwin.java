package io.nflab.stack;

import io.nflab.kernel.KernelLab;
import io.nflab.kernel.NetnsAvailability;
import io.nflab.kernel.Observation;
import io.nflab.kernel.PacketNormalizer;
import io.nflab.kernel.ProcessResult;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One topology twice: built out of the real kernel ({@link KernelLab}, namespaces) and out of net stacks
 * ({@link TestLab}, the same MACs). Every injection and command goes to both; the comparisons hand back a
 * {@link Pair} of what the kernel and the stacks show, normalized only where the kernel is random: IP
 * identifications, the initial sequence number of a SYN-ACK its listeners send, the seconds left in
 * conntrack's timers, the order of conntrack's listing and iptables-save's time-stamp comments.
 * Tests construct it only after {@link NetnsAvailability#assumeKernelLab()}.
 */
final class KernelTwin implements AutoCloseable {
    /** What the kernel and the stacks show for the same question. */
    record Pair<T>(T kernel, T stack) {
    }

    /** The packets one injection made arrive, on both sides. */
    record Sent(Observation kernel, List<TestLab.Received> stack) {
    }

    private final KernelLab kernel;
    private final TestLab stacks;

    private KernelTwin(KernelLab kernel, TestLab stacks) {
        this.kernel = kernel;
        this.stacks = stacks;
    }

    /** Starts both labs; skips the calling test (JUnit assumption) where kernel labs cannot run. */
    static KernelTwin start(Topology topology) {
        NetnsAvailability.assumeKernelLab();
        return new KernelTwin(KernelLab.start(topology), new TestLab(topology));
    }

    TestLab stacks() {
        return stacks;
    }

    /** {@code node}'s stack sends the exact packet, in both labs. */
    Sent send(String node, Ipv4Packet packet) {
        Observation seen = kernel.send(node, packet);
        int before = stacks.received.size();
        stacks.send(node, packet);
        return new Sent(seen, List.copyOf(stacks.received.subList(before, stacks.received.size())));
    }

    /** The IPv4 packets that arrived at {@code node}'s {@code iface} (addressed to it) during the injection. */
    static Pair<List<Ipv4Packet>> received(Sent sent, String node, String iface) {
        List<Ipv4Packet> stack = new ArrayList<>();
        for (TestLab.Received r : sent.stack()) {
            if (r.node().equals(node) && r.iface().equals(iface) && r.frame().payload() instanceof Ipv4Packet p) {
                stack.add(normalized(p));
            }
        }
        return new Pair<>(sent.kernel().received(node, iface).stream().map(KernelTwin::normalized).toList(), stack);
    }

    /** Runs a console command (iptables, conntrack, …) on {@code node} in both labs; answers both results. */
    Pair<ProcessResult> run(String node, String... argv) {
        ProcessResult inKernel = kernel.exec(node, List.of(argv));
        ConsoleResult inStack = stacks.node(node).command(List.of(argv), "", stacks.now);
        return new Pair<>(inKernel, new ProcessResult(inStack.exitCode(), inStack.stdout(), inStack.stderr()));
    }

    /** {@code iptables-save -c} without its time-stamp comments. */
    Pair<String> counters(String node) {
        return new Pair<>(withoutComments(kernel.iptablesSave(node)), withoutComments(stacks.run(node, "iptables-save", "-c")));
    }

    /**
     * What {@code iptables -t TABLE -L -v -n -x --line-numbers} and {@code iptables -t TABLE -S} print for
     * every table that {@code node}'s iptables-save shows.
     */
    Pair<String> listings(String node) {
        StringBuilder inKernel = new StringBuilder();
        StringBuilder inStack = new StringBuilder();
        for (String table : counters(node).kernel().lines().filter(l -> l.startsWith("*")).map(l -> l.substring(1)).toList()) {
            for (List<String> argv : List.of(List.of("iptables", "-t", table, "-L", "-v", "-n", "-x", "--line-numbers"),
                    List.of("iptables", "-t", table, "-S"))) {
                Pair<ProcessResult> both = run(node, argv.toArray(String[]::new));
                inKernel.append(String.join(" ", argv)).append('\n').append(both.kernel()).append('\n');
                inStack.append(String.join(" ", argv)).append('\n').append(both.stack()).append('\n');
            }
        }
        return new Pair<>(inKernel.toString(), inStack.toString());
    }

    /** {@code conntrack ARGS} (default {@code -L}): the listing sorted with the timers blanked, and the summary line. */
    Pair<String> conntrack(String node, String... args) {
        List<String> argv = new ArrayList<>(List.of("conntrack"));
        argv.addAll(args.length == 0 ? List.of("-L") : List.of(args));
        Pair<ProcessResult> both = run(node, argv.toArray(String[]::new));
        return new Pair<>(conntrackText(both.kernel()), conntrackText(both.stack()));
    }

    @Override
    public void close() {
        kernel.close();
    }

    /** IP ids cleared; a SYN-ACK's sequence number (the kernel's random ISN) set to 0. */
    static Ipv4Packet normalized(Ipv4Packet packet) {
        Ipv4Packet p = PacketNormalizer.normalize(packet);
        if (p.transport() instanceof TcpSegment tcp && tcp.flags().has(TcpFlag.SYN) && tcp.flags().has(TcpFlag.ACK)) {
            return p.withTransport(tcp.toBuilder().sequence(0).build());
        }
        return p;
    }

    private static String conntrackText(ProcessResult result) {
        String entries = result.stdout().lines().map(KernelTwin::withoutTimer).sorted()
                .collect(Collectors.joining("\n"));
        return "exit " + result.exitCode() + "\n" + entries + "\n" + result.stderr().strip();
    }

    /** {@code tcp      6 431999 ESTABLISHED …} → {@code tcp      6 T ESTABLISHED …}; {@code 299 proto=6 …} → {@code T proto=6 …}. */
    private static String withoutTimer(String line) {
        if (line.matches("^\\d+ proto=.*")) {
            return "T" + line.substring(line.indexOf(' '));
        }
        return line.replaceFirst("^(\\S+\\s+\\d+ )\\d+ ", "$1T ");
    }

    private static String withoutComments(String save) {
        return Objects.requireNonNull(save).lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
