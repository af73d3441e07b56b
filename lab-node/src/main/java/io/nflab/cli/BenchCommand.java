package io.nflab.cli;

import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.LabSession;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nflab bench [LAB] [--engine actors|local] [--packets N] [--batch N] [--from NODE --to ADDR:PORT]}:
 * how fast a lab moves packets — a flow of TCP SYNs ({@link BenchFlow}) sent in lab calls of {@code --batch}
 * packets ({@link LabSession#sendAll}), with packet stories kept without hop traces ({@link Tracing#ENDS});
 * or, with {@code --lab-up NODES}, how fast a generated lab of that many nodes ({@link GeneratedLab}) comes
 * up. Prints what it measured, one {@code label  value} line each; wall-clock numbers, so they vary from run
 * to run and machine to machine (docs/bench.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure how fast a lab moves packets, or how fast a generated lab comes up.",
        footerHeading = "%n",
        footer = {"The flow: TCP SYNs from NODE's first address to ADDR:PORT, each from a new",
            "source port, in lab calls of --batch packets written at one lab instant, after",
            "one such call to warm up. Packet stories are kept without hop traces.",
            "Wall-clock numbers: they vary with the machine and its load. See docs/bench.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:measured",
            "1:the generated lab did not carry a ping across it (--lab-up)",
            "2:bad input (lab, node, address, count, options)"
        })
final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_LAB = "port-forward";
    static final String DEFAULT_FROM = "client";
    static final String DEFAULT_TO = "203.0.113.1:80";
    private static final long MIB = 1024 * 1024;

    @Parameters(paramLabel = "LAB", arity = "0..1",
            description = "a lab folder, its topology.yaml, or a lab name (default: " + DEFAULT_LAB + ")")
    private String lab;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "actors", converter = LabEngine.Converter.class,
            description = "how the lab runs: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private LabEngine engine;

    @Option(names = "--packets", paramLabel = "N", defaultValue = "100000",
            description = "how many packets the flow sends, the warm-up aside (default: ${DEFAULT-VALUE})")
    private int packets;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "packets per lab call, written at one lab instant (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--from", paramLabel = "NODE", description = "the node that sends the flow (default: "
            + DEFAULT_FROM + ")")
    private String from;

    @Option(names = "--to", paramLabel = "ADDR:PORT", description = "where the flow goes (default: " + DEFAULT_TO
            + ", port-forward's gateway)")
    private String to;

    @Option(names = "--lab-up", paramLabel = "NODES",
            description = "instead of a flow: how long a generated lab of NODES nodes (LANs of hosts behind "
                    + "gateways) takes to come up")
    private Integer labUp;

    @Mixin
    private MemberOptions member;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (labUp != null) {
            if (lab != null || from != null || to != null) {
                throw new UserInputException("--lab-up generates its own lab: it takes no LAB, --from or --to");
            }
            return labUp(GeneratedLab.of(labUp));
        }
        positive("--packets", packets);
        positive("--batch", batch);
        Topology topology = TopologyLoader.load(RunCommand.topologyFile(LabLocator.fromSystem().locate(
                lab == null ? DEFAULT_LAB : lab)));
        return flow(topology, BenchFlow.of(topology, from == null ? DEFAULT_FROM : from, to == null ? DEFAULT_TO : to));
    }

    private int flow(Topology topology, BenchFlow flow) {
        PrintWriter out = spec.commandLine().getOut();
        BenchFlow.PerPacket perPacket = flow.perPacket(topology);
        List<Ipv4Packet> cycle = flow.packets(0, (int) Math.min((long) batch + packets, BenchFlow.PORTS));
        long start = System.nanoTime();
        try (LabEngine.Labs labs = engine.start(member.settings())) {
            out.println("nflab bench: lab " + describe(topology) + " on the " + engine + " engine");
            labs.ready();
            line(out, "engine up", seconds(System.nanoTime() - start));
            long labStart = System.nanoTime();
            try (LabSession session = labs.start(topology, Tracing.ENDS)) {
                line(out, "lab up", seconds(System.nanoTime() - labStart));
                line(out, "flow", flow.toString());
                line(out, "each packet", perPacket.packets() + " packets in the lab, " + perPacket.hops()
                        + " packet-hops (counted once with hop traces)");
                session.sendAll(flow.from(), BenchFlow.window(cycle, 0, batch));
                long created = 0;
                long sendStart = System.nanoTime();
                for (long sent = 0; sent < packets; sent += batch) {
                    int count = (int) Math.min(batch, packets - sent);
                    Activity activity = session.sendAll(flow.from(), BenchFlow.window(cycle, batch + sent, count));
                    created += activity.packets().size();
                }
                long nanos = System.nanoTime() - sendStart;
                line(out, "sent", number(packets) + " packets in " + number((packets + batch - 1) / batch)
                        + " lab calls of " + number(batch) + " (after one such call to warm up)");
                line(out, "time", seconds(nanos));
                line(out, "packets/s", number(perSecond(packets, nanos)) + " sent, " + number(perSecond(created, nanos))
                        + " in the lab");
                line(out, "packet-hops/s", number(perSecond((long) packets * perPacket.hops(), nanos)));
                line(out, "heap used", heap());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int labUp(Topology topology) {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        int exitCode;
        try (LabEngine.Labs labs = engine.start(member.settings())) {
            out.println("nflab bench: a generated lab of " + describe(topology) + " on the " + engine + " engine");
            labs.ready();
            line(out, "engine up", seconds(System.nanoTime() - start));
            long labStart = System.nanoTime();
            try (LabSession session = labs.start(topology, Tracing.ENDS)) {
                line(out, "lab up", seconds(System.nanoTime() - labStart));
                NodeSpec first = topology.nodes().get(1 + 1); // the core, the first gateway, its first host
                NodeSpec last = topology.nodes().get(topology.nodes().size() - 1);
                String target = last.interfaces().get(0).address().address().toString();
                long pingStart = System.nanoTime();
                Activity ping = session.command(first.name(), List.of("ping", "-c", "1", target), "");
                exitCode = ping.exitCode() == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
                line(out, "ping across", first.name() + " -> " + target + " (" + last.name() + "): "
                        + (ping.exitCode() == 0 ? "answered" : "no answer, exit code " + ping.exitCode()) + " in "
                        + seconds(System.nanoTime() - pingStart));
                line(out, "heap used", heap());
            }
        }
        out.flush();
        return exitCode;
    }

    private static String describe(Topology topology) {
        return topology.name() + " (" + number(topology.nodes().size()) + " nodes, "
                + number(topology.segments().size()) + " segments)";
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new UserInputException("bad " + option + " " + value + ": it must be at least 1");
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-15s%s%n", label, value);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static long perSecond(long count, long nanos) {
        return Math.round(count * 1e9 / Math.max(1, nanos));
    }

    /** The heap in use now, and after a full collection: what the running lab keeps. */
    private static String heap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long now = memory.getHeapMemoryUsage().getUsed();
        memory.gc();
        return number(now / MIB) + " MiB, " + number(memory.getHeapMemoryUsage().getUsed() / MIB)
                + " MiB after a full GC (the lab still up)";
    }
}
