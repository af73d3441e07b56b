package io.nflab.verify;

import io.nflab.lab.LabSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The source ports the kernel drew at random for source NAT, paired with the ports the emulator chose for the
 * same connections. When a connection's source port clashes, Linux ({@code nf_nat_l4proto_unique_tuple},
 * 6.x) starts its search at {@code get_random_u16()} for every source NAT, nflab at the next free port: both
 * are right, and only the port differs. A pair is made from the two sides' conntrack entries of one
 * connection (the same original tuple) whose reply tuple shows a rewritten source port on both sides; it is
 * accepted only when it is consistent (one kernel port ↔ one nflab port per protocol and NAT address, the
 * nflab port not one the kernel uses for another connection there) and both ports lie in one range the
 * kernel could have drawn from: a {@code --to-ports}/{@code --to-source …:A-B} range of a node's ruleset, or
 * without one the range of the original port's class (1–511, 600–1023, 1024–65535). The accepted pairs are
 * substituted into the kernel side (its packets to and from that address and port, its conntrack listings)
 * before comparing, so every later use of the port must agree; a pair that is not accepted is a difference.
 */
public final class NatPortPairing {
    private static final Pattern TUPLES = Pattern.compile(
            "^(\\w+)\\s+\\d+\\s+.*?src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)"
                    + ".*?src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)");
    private static final Pattern RANGE = Pattern.compile("--to-(?:ports |source \\S*?:)(\\d+)(?:-(\\d+))?");

    /** A kernel port at a NAT address, for one protocol. */
    private record Key(String protocol, String address, int port) {
    }

    private final Map<Key, Integer> pairs;
    private final List<Difference> conflicts;

    private NatPortPairing(Map<Key, Integer> pairs, List<Difference> conflicts) {
        this.pairs = pairs;
        this.conflicts = List.copyOf(conflicts);
    }

    /** The pairs the two runs' conntrack listings show (final state and {@code conntrack} steps). */
    public static NatPortPairing of(SideRun kernel, SideRun nflab) {
        Map<String, Connection> nflabByOriginal = new HashMap<>();
        for (Connection c : connections(nflab)) {
            nflabByOriginal.putIfAbsent(c.original(), c);
        }
        List<Connection> kernelConnections = connections(kernel);
        List<int[]> ranges = ranges(kernel);
        Map<Key, Integer> pairs = new LinkedHashMap<>();
        List<Difference> conflicts = new ArrayList<>();
        for (Connection k : kernelConnections) {
            Connection n = nflabByOriginal.get(k.original());
            if (n == null || !k.sourceRewritten() || !n.sourceRewritten() || !k.replyAddress().equals(n.replyAddress())
                    || k.replyPort() == n.replyPort()) {
                continue;
            }
            Key key = new Key(k.protocol(), k.replyAddress(), k.replyPort());
            Integer before = pairs.get(key);
            String what = k.protocol() + " " + k.replyAddress() + " port " + k.replyPort();
            if (before != null && before != n.replyPort()) {
                conflicts.add(new Difference("the source NAT port of " + k.original(), what,
                        "port " + n.replyPort() + ", though " + before + " for another connection with it"));
            } else if (!inOneRange(k.originalPort(), k.replyPort(), n.replyPort(), ranges)) {
                conflicts.add(new Difference("the source NAT port of " + k.original() + " (not in one NAT range)",
                        what, "port " + n.replyPort()));
            } else {
                pairs.put(key, n.replyPort());
            }
        }
        Map<Key, Integer> accepted = new LinkedHashMap<>(pairs);
        for (Map.Entry<Key, Integer> e : pairs.entrySet()) {
            Key key = e.getKey();
            Set<Integer> sameTarget = pairs.entrySet().stream().filter(o -> o.getValue().equals(e.getValue())
                    && o.getKey().protocol().equals(key.protocol()) && o.getKey().address().equals(key.address()))
                    .map(o -> o.getKey().port()).collect(Collectors.toCollection(TreeSet::new));
            boolean takenByKernel = kernelConnections.stream().anyMatch(c -> c.protocol().equals(key.protocol())
                    && c.replyAddress().equals(key.address()) && c.replyPort() == e.getValue()
                    && !pairs.containsKey(new Key(c.protocol(), c.replyAddress(), c.replyPort())));
            if (sameTarget.size() > 1 || takenByKernel) {
                conflicts.add(new Difference("the source NAT port " + e.getValue() + " of " + key.protocol() + " "
                        + key.address() + " (not unique)", "port " + key.port() + (sameTarget.size() > 1
                                ? ", one of " + sameTarget : ", while another connection keeps its own port "
                                + e.getValue()), "port " + e.getValue()));
                accepted.remove(key);
            }
        }
        return new NatPortPairing(accepted, conflicts);
    }

    /** The pairs that could not be accepted, as differences. */
    public List<Difference> conflicts() {
        return conflicts;
    }

    /** Each accepted pair, as a line for a report ({@code tcp 203.0.113.2:27712 (kernel) = 40001 (nflab)}). */
    public List<String> describe() {
        return pairs.entrySet().stream().map(e -> e.getKey().protocol() + " " + e.getKey().address() + ":"
                + e.getKey().port() + " (kernel) = " + e.getValue() + " (nflab)").toList();
    }

    /** The kernel run with every paired port replaced by the emulator's. */
    public SideRun applyTo(SideRun kernel) {
        if (pairs.isEmpty()) {
            return kernel;
        }
        List<StepResult> steps = kernel.steps().stream().map(s -> new StepResult(s.number(), s.action(),
                s.notRun(), s.sendFailure(), s.receptions().stream()
                        .map(r -> new Reception(r.node(), r.iface(), packet(r.packet()))).toList(),
                s.output().map(o -> o.program().equals("conntrack")
                        ? new CommandOutput(o.program(), o.exitCode(), listing(o.stdout()), o.stderr()) : o)))
                .toList();
        Map<String, LabSnapshot.NodeState> state = new TreeMap<>();
        kernel.finalState().forEach((node, s) -> state.put(node,
                new LabSnapshot.NodeState(s.iptablesSave(), listing(s.conntrack()))));
        return new SideRun(kernel.side(), steps, state);
    }

    /** A packet text with its paired ports replaced, the outer packet and an ICMP error's quote each by its protocol. */
    String packet(String text) {
        int quote = text.indexOf('[');
        if (quote < 0) {
            return inPacket(text);
        }
        return inPacket(text.substring(0, quote)) + "[" + packet(text.substring(quote + 1));
    }

    private String inPacket(String part) {
        String out = part;
        for (Map.Entry<Key, Integer> e : pairs.entrySet()) {
            Key k = e.getKey();
            if (out.startsWith(k.protocol() + " ")) {
                out = out.replaceAll("(?<![\\d.])" + Pattern.quote(k.address() + ":" + k.port()) + "(?!\\d)",
                        Matcher.quoteReplacement(k.address() + ":" + e.getValue()));
            }
        }
        return out;
    }

    /** A conntrack listing with the paired ports replaced wherever a tuple names that address and port. */
    String listing(String text) {
        return text.lines().map(line -> {
            String out = line;
            for (Map.Entry<Key, Integer> e : pairs.entrySet()) {
                Key k = e.getKey();
                if (out.startsWith(k.protocol() + " ")) {
                    out = out.replaceAll("(dst=" + Pattern.quote(k.address()) + " sport=\\d+ dport=)" + k.port()
                            + "(?!\\d)", "$1" + e.getValue())
                            .replaceAll("(src=" + Pattern.quote(k.address()) + " dst=\\S+ sport=)" + k.port()
                                    + "(?!\\d)", "$1" + e.getValue());
                }
            }
            return out;
        }).collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
    }

    /** One conntrack entry's tuples. */
    private record Connection(String protocol, String original, int originalPort, String replyAddress,
                              int replyPort) {
        boolean sourceRewritten() {
            return originalPort != replyPort;
        }
    }

    private static List<Connection> connections(SideRun run) {
        List<String> listings = new ArrayList<>();
        run.finalState().values().forEach(s -> listings.add(s.conntrack()));
        run.steps().forEach(s -> s.output().filter(o -> o.program().equals("conntrack"))
                .ifPresent(o -> listings.add(o.stdout())));
        List<Connection> out = new ArrayList<>();
        for (String listing : listings) {
            listing.lines().map(NatPortPairing::connection).flatMap(Optional::stream).forEach(out::add);
        }
        return out;
    }

    private static Optional<Connection> connection(String line) {
        Matcher m = TUPLES.matcher(line.trim());
        if (!m.find() || !(m.group(1).equals("tcp") || m.group(1).equals("udp"))) {
            return Optional.empty();
        }
        String original = m.group(1) + " " + m.group(2) + ":" + m.group(4) + " > " + m.group(3) + ":" + m.group(5);
        return Optional.of(new Connection(m.group(1), original, Integer.parseInt(m.group(4)), m.group(7),
                Integer.parseInt(m.group(9))));
    }

    /** The explicit NAT port ranges of every node's ruleset, as {min, max}. */
    private static List<int[]> ranges(SideRun kernel) {
        List<int[]> out = new ArrayList<>();
        for (LabSnapshot.NodeState s : kernel.finalState().values()) {
            Matcher m = RANGE.matcher(s.iptablesSave());
            while (m.find()) {
                int min = Integer.parseInt(m.group(1));
                out.add(new int[] {min, m.group(2) == null ? min : Integer.parseInt(m.group(2))});
            }
        }
        return out;
    }

    /**
     * Whether both chosen ports lie in one range the kernel draws from: an explicit one, or without any the
     * class of the original port ({@code nf_nat_l4proto_unique_tuple}: below 512, below 1024, the rest).
     */
    private static boolean inOneRange(int original, int kernelPort, int nflabPort, List<int[]> explicit) {
        List<int[]> ranges = explicit.isEmpty() ? List.of(original < 512 ? new int[] {1, 511}
                : original < 1024 ? new int[] {600, 1023} : new int[] {1024, 65535}) : explicit;
        return ranges.stream().anyMatch(r -> r[0] <= kernelPort && kernelPort <= r[1]
                && r[0] <= nflabPort && nflabPort <= r[1]);
    }
}
