package io.nflab.verify;

import io.nflab.lab.LabSnapshot;
import io.nflab.scenario.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a scenario's kernel run with its emulated run and lists every disagreement, readable: per step,
 * a send that failed on one side only and the packets each interface received (headers compared as
 * {@link PacketComparison} writes them); each command's exit code and output ({@code iptables-save} without
 * its comment lines, {@code conntrack -L} entries in any order with timeouts a second apart); at the end,
 * per node, the {@code iptables-save -c} lines (counters included) and the {@code conntrack -L} entries that
 * only one side has. Steps one side did not run are not compared. Source NAT ports the kernel drew at random are
 * first paired with the emulator's ({@link NatPortPairing}); a pairing that is inconsistent is a difference.
 */
public final class Comparison {
    private Comparison() {
    }

    /** Every difference, in step order, then per node; empty when the two agree. */
    public static List<Difference> compare(SideRun kernelRun, SideRun nflab) {
        NatPortPairing pairing = NatPortPairing.of(kernelRun, nflab);
        SideRun kernel = pairing.applyTo(kernelRun);
        if (kernel.steps().size() != nflab.steps().size()) {
            throw new IllegalArgumentException("the runs have different steps: " + kernel.steps().size() + " and "
                    + nflab.steps().size());
        }
        List<Difference> out = new ArrayList<>(pairing.conflicts());
        for (int i = 0; i < kernel.steps().size(); i++) {
            compareStep(kernel.steps().get(i), nflab.steps().get(i), out);
        }
        Set<String> nodes = new LinkedHashSet<>(kernel.finalState().keySet());
        nodes.addAll(nflab.finalState().keySet());
        LabSnapshot.NodeState none = new LabSnapshot.NodeState("", "");
        for (String node : nodes) {
            LabSnapshot.NodeState k = kernel.finalState().getOrDefault(node, none);
            LabSnapshot.NodeState n = nflab.finalState().getOrDefault(node, none);
            lines(node + ": iptables-save -c", k.iptablesSave(), n.iptablesSave(), out);
            conntrack(node + ": conntrack -L", k.conntrack(), n.conntrack(), out);
        }
        return out;
    }

    private static void compareStep(StepResult k, StepResult n, List<Difference> out) {
        if (k.notRun().isPresent() || n.notRun().isPresent()) {
            return;
        }
        String step = "step " + k.number() + " (" + k.action() + ")";
        if (!k.sendFailure().equals(n.sendFailure())) {
            out.add(new Difference(step + ": the send", k.sendFailure().map(e -> "failed: " + e).orElse("sent"),
                    n.sendFailure().map(e -> "failed: " + e).orElse("sent")));
        }
        Map<String, List<String>> kernelAt = byInterface(k.receptions());
        Map<String, List<String>> nflabAt = byInterface(n.receptions());
        Set<String> interfaces = new LinkedHashSet<>(kernelAt.keySet());
        interfaces.addAll(nflabAt.keySet());
        for (String iface : interfaces) {
            List<String> a = kernelAt.getOrDefault(iface, List.of());
            List<String> b = nflabAt.getOrDefault(iface, List.of());
            if (!a.equals(b)) {
                out.add(new Difference(step + ": packets received at " + iface, String.join("\n", a),
                        String.join("\n", b)));
            }
        }
        if (k.output().isPresent() && n.output().isPresent()) {
            CommandOutput a = k.output().get();
            CommandOutput b = n.output().get();
            if (a.exitCode() != b.exitCode()) {
                out.add(new Difference(step + ": exit code", Integer.toString(a.exitCode()),
                        Integer.toString(b.exitCode())));
            }
            if (a.program().equals(Action.Tool.CONNTRACK.keyword())) {
                conntrack(step + ": stdout", a.stdout(), b.stdout(), out);
            } else if (a.program().equals(Action.Tool.IPTABLES_SAVE.keyword())) {
                lines(step + ": stdout", PacketComparison.withoutComments(a.stdout()),
                        PacketComparison.withoutComments(b.stdout()), out);
            } else if (!a.stdout().equals(b.stdout())) {
                out.add(new Difference(step + ": stdout", a.stdout(), b.stdout()));
            }
            if (!a.stderr().equals(b.stderr())) {
                out.add(new Difference(step + ": stderr", a.stderr(), b.stderr()));
            }
        }
    }

    private static Map<String, List<String>> byInterface(List<Reception> receptions) {
        Map<String, List<String>> at = new LinkedHashMap<>();
        for (Reception r : receptions) {
            at.computeIfAbsent(r.node() + ":" + r.iface(), x -> new ArrayList<>()).add(r.packet());
        }
        return at;
    }

    /** The lines only one side has (in order), when the texts differ. */
    private static void lines(String where, String kernel, String nflab, List<Difference> out) {
        if (kernel.strip().equals(nflab.strip())) {
            return;
        }
        List<String> a = inTable(kernel);
        List<String> b = inTable(nflab);
        String onlyKernel = a.stream().filter(l -> !b.contains(l)).collect(Collectors.joining("\n"));
        String onlyNflab = b.stream().filter(l -> !a.contains(l)).collect(Collectors.joining("\n"));
        if (onlyKernel.isEmpty() && onlyNflab.isEmpty()) {
            out.add(new Difference(where + " (the same lines in another order)", kernel, nflab));
        } else {
            out.add(new Difference(where, onlyKernel, onlyNflab));
        }
    }

    /**
     * The lines of an {@code iptables-save} text, each after the table it is in ({@code nat: :INPUT ACCEPT [0:0]}),
     * so that the same chain line of two tables is not taken for one; other texts line by line.
     */
    private static List<String> inTable(String text) {
        List<String> out = new ArrayList<>();
        String table = "";
        for (String line : text.strip().lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1) + ": ";
            }
            out.add(line.startsWith("*") ? line : table + line);
        }
        return out;
    }

    /** The entries only one side has, when the listings differ beyond a second of timeout. */
    private static void conntrack(String where, String kernel, String nflab, List<Difference> out) {
        if (ConntrackListing.same(kernel, nflab)) {
            return;
        }
        List<ConntrackListing.Entry> a = ConntrackListing.entries(kernel);
        List<ConntrackListing.Entry> b = ConntrackListing.entries(nflab);
        List<String> restA = a.stream().map(ConntrackListing.Entry::rest).toList();
        List<String> restB = b.stream().map(ConntrackListing.Entry::rest).toList();
        String onlyKernel = a.stream().filter(e -> !restB.contains(e.rest())).map(Object::toString)
                .collect(Collectors.joining("\n"));
        String onlyNflab = b.stream().filter(e -> !restA.contains(e.rest())).map(Object::toString)
                .collect(Collectors.joining("\n"));
        if (onlyKernel.isEmpty() && onlyNflab.isEmpty()) {
            out.add(new Difference(where + " (timeouts)", kernel, nflab));
        } else {
            out.add(new Difference(where, onlyKernel, onlyNflab));
        }
    }
}
