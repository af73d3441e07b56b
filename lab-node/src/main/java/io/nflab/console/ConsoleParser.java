package io.nflab.console;

import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.DurationText;
import io.nflab.scenario.Fault;
import io.nflab.topology.InterfaceSpec;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads console lines against a lab's topology: {@code NODE PROGRAM ARGS…} with an optional {@code < FILE}
 * or {@code << WORD}, and the lab's commands ({@link NodePrograms#LAB_COMMANDS}). Bad input throws a
 * {@link UserInputException} whose one-line message names the offending word.
 */
public final class ConsoleParser {
    private static final Set<String> NO_STDIN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private final Topology topology;

    public ConsoleParser(Topology topology) {
        this.topology = Objects.requireNonNull(topology, "topology");
    }

    public ConsoleCommand parse(String line) {
        if (line.isBlank() || line.strip().startsWith("#")) {
            return new ConsoleCommand.Nothing();
        }
        ConsoleWords split = ConsoleWords.split(line);
        List<String> words = split.words();
        if (words.isEmpty()) {
            throw new UserInputException("a redirection needs a command before it");
        }
        String first = words.get(0);
        if (topology.node(first).isPresent() && !NodePrograms.isLabCommand(first)) {
            return nodeCommand(first, words.subList(1, words.size()), split);
        }
        if (split.redirect().isPresent()) {
            throw new UserInputException("`" + first + "' reads no input: only node commands take `<' or `<<'");
        }
        List<String> args = words.subList(1, words.size());
        return switch (first) {
            case "help" -> noArguments(first, args, new ConsoleCommand.Help());
            case "nodes" -> noArguments(first, args, new ConsoleCommand.ListNodes());
            case "packets" -> noArguments(first, args, new ConsoleCommand.ListPackets());
            case "exit", "quit" -> noArguments(first, args, new ConsoleCommand.Exit());
            case "clock" -> clock(args);
            case "fault" -> fault(args);
            case "trace" -> trace(args);
            default -> throw new UserInputException("unknown node or command `" + first + "' (nodes: "
                    + String.join(", ", nodeNames()) + "; commands: " + String.join(", ", NodePrograms.LAB_COMMANDS)
                    + ")");
        };
    }

    private ConsoleCommand nodeCommand(String node, List<String> argv, ConsoleWords split) {
        if (argv.isEmpty()) {
            throw new UserInputException(node + ": which command? (" + String.join(", ", NodePrograms.PROGRAMS) + ")");
        }
        String program = argv.get(0);
        if (!NodePrograms.isProgram(program)) {
            throw new UserInputException(node + ": unknown command `" + program + "' (commands: "
                    + String.join(", ", NodePrograms.PROGRAMS) + ")");
        }
        Stdin stdin = split.redirect()
                .<Stdin>map(r -> r.hereDocument() ? new Stdin.HereDocument(r.target()) : new Stdin.FromFile(r.target()))
                .orElseGet(() -> readsTableFromConsole(argv) ? new Stdin.UntilCommit() : new Stdin.None());
        return new ConsoleCommand.OnNode(node, argv, stdin);
    }

    /** {@code iptables-restore} without a redirection reads the lines that follow, except when asked for help. */
    private static boolean readsTableFromConsole(List<String> argv) {
        return argv.get(0).equals("iptables-restore") && argv.stream().noneMatch(NO_STDIN_OPTIONS::contains);
    }

    private static ConsoleCommand noArguments(String command, List<String> args, ConsoleCommand parsed) {
        if (!args.isEmpty()) {
            throw new UserInputException(command + " takes no arguments, found `" + args.get(0) + "'");
        }
        return parsed;
    }

    private static ConsoleCommand clock(List<String> args) {
        if (args.isEmpty()) {
            return new ConsoleCommand.ShowClock();
        }
        if (args.size() != 2 || !args.get(0).equals("advance")) {
            throw new UserInputException("usage: clock [advance DURATION], e.g. clock advance 30s");
        }
        Duration by = DurationText.tryParse(args.get(1)).orElseThrow(() -> new UserInputException(
                "bad duration `" + args.get(1) + "' (write e.g. 500ms, 30s, 5m or 1h30m)"));
        return new ConsoleCommand.AdvanceClock(by);
    }

    private static ConsoleCommand trace(List<String> args) {
        if (args.size() != 1) {
            throw new UserInputException("usage: trace ID (the #ID a packet line shows)");
        }
        String text = args.get(0).startsWith("#") ? args.get(0).substring(1) : args.get(0);
        if (!text.matches("[0-9]{1,18}") || Long.parseLong(text) == 0) {
            throw new UserInputException("bad packet id `" + args.get(0) + "' (a packet line shows it as #ID)");
        }
        return new ConsoleCommand.TracePacket(Long.parseLong(text));
    }

    private ConsoleCommand fault(List<String> args) {
        if (args.isEmpty() || !NodePrograms.FAULT_TYPES.contains(args.get(0))) {
            throw new UserInputException((args.isEmpty() ? "fault: which one?" : "unknown fault `" + args.get(0) + "'")
                    + " (" + String.join(", ", NodePrograms.FAULT_TYPES) + ")");
        }
        String type = args.get(0);
        Fault fault = switch (type) {
            case "link-down", "link-up" -> {
                expect(args, "fault " + type + " NODE INTERFACE");
                NodeSpec node = node(args.get(1));
                yield new Fault.Link(node.name(), iface(node, args.get(2)).name(), type.equals("link-up"));
            }
            case "crash" -> new Fault.Crash(node(expect(args, "fault crash NODE").get(1)).name());
            case "restart" -> new Fault.Restart(node(expect(args, "fault restart NODE").get(1)).name());
            default -> {
                expect(args, "fault loss SEGMENT PERCENT");
                yield new Fault.Loss(segment(args.get(1)).name(), percent(args.get(2)));
            }
        };
        return new ConsoleCommand.InjectFault(fault);
    }

    /** Checks that {@code args} has as many words as {@code usage}, minus the word {@code fault}. */
    private static List<String> expect(List<String> args, String usage) {
        if (args.size() != usage.split(" ").length - 1) {
            throw new UserInputException("usage: " + usage);
        }
        return args;
    }

    private NodeSpec node(String name) {
        return topology.node(name).orElseThrow(() -> new UserInputException(
                "unknown node `" + name + "' (nodes: " + String.join(", ", nodeNames()) + ")"));
    }

    private static InterfaceSpec iface(NodeSpec node, String name) {
        return node.interfaceNamed(name).orElseThrow(() -> new UserInputException(node.name() + " has no interface `"
                + name + "' (interfaces: " + String.join(", ", node.interfaces().stream().map(InterfaceSpec::name).toList())
                + ")"));
    }

    private SegmentSpec segment(String name) {
        return topology.segment(name).orElseThrow(() -> new UserInputException("unknown segment `" + name
                + "' (segments: " + String.join(", ", topology.segments().stream().map(SegmentSpec::name).toList()) + ")"));
    }

    private static double percent(String text) {
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        if (number.matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
            double percent = Double.parseDouble(number);
            if (percent <= 100) {
                return percent;
            }
        }
        throw new UserInputException("bad loss percentage `" + text + "' (a number from 0 to 100, e.g. 20 or 2.5%)");
    }

    private List<String> nodeNames() {
        return topology.nodes().stream().map(NodeSpec::name).toList();
    }
}
