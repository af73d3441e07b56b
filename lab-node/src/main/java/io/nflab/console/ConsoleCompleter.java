package io.nflab.console;

import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for the console: node names and the lab's commands first, then a node's programs, then
 * each program's common subcommands and options and the values they take (tables, chains, targets,
 * protocols, the node's interfaces, the lab's addresses, fault types, packet ids). JLine filters the
 * candidates by what is typed.
 */
public final class ConsoleCompleter implements Completer {
    private static final List<String> TABLES = List.of("filter", "nat", "mangle", "raw", "security");
    private static final List<String> CHAINS = List.of("INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING");
    private static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp");
    private static final List<String> IPTABLES_CHAIN_COMMANDS = List.of("-A", "-I", "-D", "-R", "-L", "-S", "-F", "-Z",
            "-N", "-X", "-E", "-P", "-C", "--append", "--insert", "--delete", "--replace", "--list", "--list-rules",
            "--flush", "--zero", "--new-chain", "--delete-chain", "--rename-chain", "--policy", "--check");
    private static final List<String> IPTABLES_OPTIONS = List.of("-t", "-A", "-I", "-D", "-R", "-L", "-S", "-F", "-Z",
            "-N", "-X", "-E", "-P", "-C", "-n", "-v", "-x", "--line-numbers", "-p", "-s", "-d", "-i", "-o", "-j", "-g",
            "-m", "--dport", "--sport", "--dports", "--ctstate", "--state", "--tcp-flags", "--syn", "--icmp-type",
            "--to-destination", "--to-source", "--to-ports", "--reject-with", "--log-prefix", "--set-mark", "--comment",
            "-h");
    private static final Map<String, List<String>> IPTABLES_VALUES = Map.of(
            "-j", List.of("ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "MARK",
                    "CONNMARK", "CT", "NOTRACK", "TRACE"),
            "-m", List.of("conntrack", "state", "tcp", "udp", "icmp", "multiport", "comment", "limit", "mark", "connmark",
                    "iprange", "addrtype", "recent", "connlimit"),
            "--ctstate", List.of("NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED", "RELATED,ESTABLISHED"),
            "--reject-with", List.of("icmp-port-unreachable", "icmp-host-unreachable", "icmp-net-unreachable",
                    "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited",
                    "tcp-reset"));
    private static final Map<String, String> IPTABLES_SYNONYMS = Map.of("-g", "-j", "--jump", "-j", "--goto", "-j",
            "--match", "-m", "--state", "--ctstate");
    private static final List<String> IP_OBJECTS = List.of("addr", "link", "route", "neigh");
    private static final Map<String, List<String>> IP_SUBCOMMANDS = Map.of(
            "addr", List.of("show", "add", "del", "flush"),
            "link", List.of("show", "set"),
            "route", List.of("show", "add", "del", "get", "flush", "replace"),
            "neigh", List.of("show", "add", "del", "flush"));
    private static final Map<String, List<String>> PROGRAM_OPTIONS = Map.of(
            "iptables-save", List.of("-c", "-t"),
            "iptables-restore", List.of("-c", "-n", "--noflush", "-T", "-v"),
            "conntrack", List.of("-L", "-G", "-D", "-I", "-U", "-E", "-F", "-C", "-S", "-p", "-s", "-d", "-r", "-q",
                    "--sport", "--dport", "--state", "-o", "-f", "-n", "-g"),
            "sysctl", List.of("-n", "-w", "net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter",
                    "net.ipv4.conf.all.route_localnet", "net.ipv4.ip_default_ttl", "net.ipv4.icmp_echo_ignore_all",
                    "net.ipv4.ip_local_port_range", "net.netfilter.nf_conntrack_max", "net.netfilter.nf_conntrack_helper",
                    "net.netfilter.nf_conntrack_tcp_timeout_established"),
            "ping", List.of("-c", "-i", "-t", "-s", "-n"),
            "traceroute", List.of("-n", "-m", "-q"),
            "connect", List.of(),
            "nc", List.of("-u", "-v", "-n", "-z", "-w"),
            "dmesg", List.of());
    private static final List<String> CONNTRACK_STATES = List.of("SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
            "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE");
    private static final List<String> DURATIONS = List.of("1s", "30s", "5m", "1h");

    private final Topology topology;
    private final Supplier<List<Long>> packetIds;

    /** @param packetIds the ids {@code trace} offers: the packets of the last command */
    public ConsoleCompleter(Topology topology, Supplier<List<Long>> packetIds) {
        this.topology = topology;
        this.packetIds = packetIds;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
        for (String word : candidates(before)) {
            candidates.add(new Candidate(word));
        }
    }

    /** What may follow the words {@code before} (the words left of the one being completed). */
    public List<String> candidates(List<String> before) {
        if (before.isEmpty()) {
            return concat(nodeNames(), NodePrograms.LAB_COMMANDS);
        }
        String first = before.get(0);
        if (NodePrograms.isLabCommand(first)) {
            return labCommandArguments(first, before.subList(1, before.size()));
        }
        Optional<NodeSpec> node = topology.node(first);
        if (node.isEmpty()) {
            return List.of();
        }
        if (before.size() == 1) {
            return NodePrograms.PROGRAMS;
        }
        return programArguments(node.get(), before.get(1), before.subList(2, before.size()));
    }

    private List<String> labCommandArguments(String command, List<String> args) {
        return switch (command) {
            case "clock" -> args.isEmpty() ? List.of("advance")
                    : args.size() == 1 && args.get(0).equals("advance") ? DURATIONS : List.of();
            case "trace" -> args.isEmpty() ? packetIds.get().stream().map(String::valueOf).toList() : List.of();
            case "fault" -> faultArguments(args);
            default -> List.of();
        };
    }

    private List<String> faultArguments(List<String> args) {
        if (args.isEmpty()) {
            return NodePrograms.FAULT_TYPES;
        }
        String type = args.get(0);
        if (args.size() == 1) {
            return type.equals("loss") ? topology.segments().stream().map(SegmentSpec::name).toList()
                    : NodePrograms.FAULT_TYPES.contains(type) ? nodeNames() : List.of();
        }
        if (args.size() == 2 && type.startsWith("link-")) {
            return topology.node(args.get(1)).map(ConsoleCompleter::interfaces).orElse(List.of());
        }
        return List.of();
    }

    private List<String> programArguments(NodeSpec node, String program, List<String> args) {
        String previous = args.isEmpty() ? "" : args.get(args.size() - 1);
        return switch (program) {
            case "iptables" -> iptablesArguments(node, args, previous);
            case "iptables-save", "iptables-restore" ->
                    previous.equals("-t") || previous.equals("-T") ? TABLES : PROGRAM_OPTIONS.get(program);
            case "conntrack" -> conntrackArguments(previous);
            case "ip" -> ipArguments(node, args);
            case "ping", "traceroute", "connect", "nc" -> concat(PROGRAM_OPTIONS.get(program), addresses());
            default -> PROGRAM_OPTIONS.getOrDefault(program, List.of());
        };
    }

    private List<String> iptablesArguments(NodeSpec node, List<String> args, String previous) {
        String option = IPTABLES_SYNONYMS.getOrDefault(previous, previous);
        if (option.equals("-t") || option.equals("--table")) {
            return TABLES;
        }
        if (IPTABLES_CHAIN_COMMANDS.contains(option)) {
            return CHAINS;
        }
        if (args.size() >= 2 && List.of("-P", "--policy").contains(args.get(args.size() - 2))) {
            return List.of("ACCEPT", "DROP");
        }
        if (option.equals("-p") || option.equals("--protocol")) {
            return PROTOCOLS;
        }
        if (List.of("-i", "-o", "--in-interface", "--out-interface").contains(option)) {
            return concat(interfaces(node), List.of("lo"));
        }
        if (List.of("-s", "-d", "--source", "--destination").contains(option)) {
            return addresses();
        }
        return IPTABLES_VALUES.getOrDefault(option, IPTABLES_OPTIONS);
    }

    private List<String> conntrackArguments(String previous) {
        return switch (previous) {
            case "-p", "--proto" -> PROTOCOLS;
            case "-s", "-d", "-r", "-q", "--src", "--dst", "--orig-src", "--orig-dst", "--reply-src", "--reply-dst" ->
                    addresses();
            case "--state" -> CONNTRACK_STATES;
            case "-o", "--output" -> List.of("extended", "xml", "id", "ktimestamp", "labels", "userspace");
            case "-f", "--family" -> List.of("ipv4");
            default -> PROGRAM_OPTIONS.get("conntrack");
        };
    }

    private static List<String> ipArguments(NodeSpec node, List<String> args) {
        if (args.isEmpty()) {
            return IP_OBJECTS;
        }
        String object = args.get(0);
        if (args.size() == 1) {
            return IP_SUBCOMMANDS.getOrDefault(object, List.of());
        }
        List<String> values = new ArrayList<>(List.of("dev"));
        values.addAll(interfaces(node));
        if (object.equals("link") && args.get(1).equals("set")) {
            values.addAll(List.of("up", "down"));
        } else if (object.equals("route")) {
            values.addAll(List.of("default", "via"));
        }
        return values;
    }

    private List<String> nodeNames() {
        return topology.nodes().stream().map(NodeSpec::name).toList();
    }

    private static List<String> interfaces(NodeSpec node) {
        return node.interfaces().stream().map(InterfaceSpec::name).toList();
    }

    /** Every address of the lab's interfaces, for destinations and {@code -s}/{@code -d}. */
    private List<String> addresses() {
        return topology.nodes().stream().flatMap(n -> n.interfaces().stream())
                .map(i -> i.address().address().toString()).distinct().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
