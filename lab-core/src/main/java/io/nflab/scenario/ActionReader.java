package io.nflab.scenario;

import io.nflab.address.Ipv4Address;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.TextSyntaxException;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketSyntaxException;
import io.nflab.packet.PacketText;
import io.nflab.topology.TransportProtocol;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlMapping;
import io.nflab.yaml.YamlNode;
import io.nflab.yaml.YamlScalar;
import io.nflab.yaml.YamlValue;
import io.nflab.yaml.YamlValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads the action of a scenario step: the value under {@code send:}, {@code connect:}, {@code fault:}, …. */
final class ActionReader {
    private static final YamlValue<Ipv4Address> ADDRESS = YamlValues.parsed("an IPv4 address A.B.C.D", Ipv4Address::tryParse);
    private static final YamlValue<AddressAndPort> ADDRESS_AND_PORT =
            YamlValues.parsed("ADDRESS:PORT like 203.0.113.1:80", AddressAndPort::tryParse);
    private static final YamlValue<TransportProtocol> TRANSPORT = YamlValues.keyword(TransportProtocol.values(), TransportProtocol::keyword);
    private static final YamlValue<List<String>> COMMAND_LINE = YamlValues.syntax(ShellWords::split);
    private static final YamlValue<List<String>> IPTABLES_COMMAND =
            COMMAND_LINE.filter(words -> !words.isEmpty(), "iptables arguments like `-t nat -L -n'");
    private static final YamlValue<Duration> DURATION =
            YamlValues.parsed("a duration like 30s, 5m or 1h30m", DurationText::tryParse);
    private static final YamlValue<Ipv4Packet> PACKET = YamlValues.syntax(ActionReader::packet);
    private static final Map<String, List<String>> FAULT_KEYS = new LinkedHashMap<>();

    static {
        FAULT_KEYS.put("link-down", List.of("type", "node", "interface"));
        FAULT_KEYS.put("link-up", List.of("type", "node", "interface"));
        FAULT_KEYS.put("crash", List.of("type", "node"));
        FAULT_KEYS.put("restart", List.of("type", "node"));
        FAULT_KEYS.put("loss", List.of("type", "segment", "percent"));
    }

    /** An address and port, {@code 203.0.113.1:80}. */
    private record AddressAndPort(Ipv4Address address, int port) {
        static Optional<AddressAndPort> tryParse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || !text.substring(colon + 1).matches("[0-9]{1,5}")) {
                return Optional.empty();
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            return port < 1 || port > 65535
                    ? Optional.empty()
                    : Ipv4Address.tryParse(text.substring(0, colon)).map(a -> new AddressAndPort(a, port));
        }
    }

    private final Map<String, Function<MappingReader, Optional<? extends Action>>> readers = new LinkedHashMap<>();
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final TopologyReferences references;
    private final Diagnostics problems;

    ActionReader(TopologyReferences references, Diagnostics problems) {
        this.references = references;
        this.problems = problems;
        define("send", List.of("from", "packet"), this::send);
        define("connect", List.of("from", "to", "proto"), this::connect);
        define("ping", List.of("from", "to", "count"), this::ping);
        define("traceroute", List.of("from", "to", "max-hops"), this::traceroute);
        for (Action.Tool tool : Action.Tool.values()) {
            define(tool.keyword(), List.of("on", "command"), action -> command(tool, action));
        }
        define("clock", List.of("advance"), this::clock);
    }

    /** The keys that introduce an action in a step, in the order messages list them. */
    static List<String> keywords() {
        return List.of("send", "connect", "ping", "traceroute", "iptables", "iptables-save", "conntrack", "ip", "fault", "clock");
    }

    /** Reads the value of the action key {@code keyword} (one of {@link #keywords()}). */
    Optional<? extends Action> read(String keyword, YamlNode value, String step) {
        String context = "`" + keyword + "' of " + step;
        if (keyword.equals("fault")) {
            return fault(value, context);
        }
        return MappingReader.open(value, context, problems, keys.get(keyword))
                .flatMap(action -> readers.get(keyword).apply(action));
    }

    private void define(String keyword, List<String> actionKeys,
            Function<MappingReader, Optional<? extends Action>> reader) {
        keys.put(keyword, actionKeys);
        readers.put(keyword, reader);
    }

    private Optional<Action.Send> send(MappingReader action) {
        Optional<String> from = references.node(action, "from");
        Optional<Ipv4Packet> packet = action.required("packet", PACKET);
        return from.flatMap(f -> packet.map(p -> new Action.Send(f, p)));
    }

    /** {@link PacketText#parse}, its errors as a {@link TextSyntaxException} that points at the offending word. */
    private static Ipv4Packet packet(String text) {
        try {
            return PacketText.parse(text);
        } catch (PacketSyntaxException e) {
            throw new TextSyntaxException(e.getMessage(), e.offendingWord(), e.column());
        }
    }

    private Optional<Action.Connect> connect(MappingReader action) {
        Optional<String> from = references.node(action, "from");
        Optional<AddressAndPort> to = action.required("to", ADDRESS_AND_PORT);
        TransportProtocol proto = action.optional("proto", TRANSPORT, TransportProtocol.TCP);
        return from.flatMap(f -> to.map(t -> new Action.Connect(f, t.address(), t.port(), proto)));
    }

    private Optional<Action.Ping> ping(MappingReader action) {
        Optional<String> from = references.node(action, "from");
        Optional<Ipv4Address> to = action.required("to", ADDRESS);
        int count = action.optional("count", YamlValues.integer(1, 10_000), 1);
        return from.flatMap(f -> to.map(t -> new Action.Ping(f, t, count)));
    }

    private Optional<Action.Traceroute> traceroute(MappingReader action) {
        Optional<String> from = references.node(action, "from");
        Optional<Ipv4Address> to = action.required("to", ADDRESS);
        int maxHops = action.optional("max-hops", YamlValues.integer(1, 255), 30);
        return from.flatMap(f -> to.map(t -> new Action.Traceroute(f, t, maxHops)));
    }

    /**
     * {@code iptables} and {@code ip} need a command; {@code iptables-save} and {@code conntrack} default to none
     * and {@code -L}.
     */
    private Optional<Action.Command> command(Action.Tool tool, MappingReader action) {
        Optional<String> on = references.node(action, "on");
        Optional<List<String>> arguments = switch (tool) {
            case IPTABLES -> action.required("command", IPTABLES_COMMAND);
            case IPTABLES_SAVE -> action.has("command") ? action.optional("command", COMMAND_LINE) : Optional.of(List.of());
            case CONNTRACK -> action.has("command") ? action.optional("command", COMMAND_LINE) : Optional.of(List.of("-L"));
            case IP -> action.required("command", COMMAND_LINE);
        };
        return on.flatMap(node -> arguments.map(args -> new Action.Command(tool, node, args)));
    }

    private Optional<Action.AdvanceClock> clock(MappingReader action) {
        return action.required("advance", DURATION).map(Action.AdvanceClock::new);
    }

    private Optional<Fault> fault(YamlNode value, String context) {
        List<String> allowed = faultType(value).map(FAULT_KEYS::get)
                .orElse(List.of("type", "node", "interface", "segment", "percent"));
        Optional<MappingReader> opened = MappingReader.open(value, context, problems, allowed);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader fault = opened.get();
        Optional<String> type = fault.required("type", YamlValues.oneOf(typeChoices()));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return switch (type.get()) {
            case "link-down", "link-up" -> {
                Optional<String> node = references.node(fault, "node");
                Optional<String> iface = references.iface(fault, "interface", true, node);
                yield node.flatMap(n -> iface.map(i -> new Fault.Link(n, i, type.get().equals("link-up"))));
            }
            case "crash" -> references.node(fault, "node").map(Fault.Crash::new);
            case "restart" -> references.node(fault, "node").map(Fault.Restart::new);
            default -> {
                Optional<String> segment = references.segment(fault, "segment");
                Optional<Double> percent = fault.required("percent", YamlValues.decimal(0, 100));
                yield segment.flatMap(s -> percent.map(p -> new Fault.Loss(s, p)));
            }
        };
    }

    /** The fault type written in the mapping, if it is a known one, to pick the keys the fault allows. */
    private static Optional<String> faultType(YamlNode value) {
        return value instanceof YamlMapping mapping
                ? mapping.entry("type").map(e -> e.value())
                        .filter(YamlScalar.class::isInstance).map(v -> ((YamlScalar) v).text())
                        .filter(FAULT_KEYS::containsKey)
                : Optional.empty();
    }

    private static Map<String, String> typeChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        FAULT_KEYS.keySet().forEach(type -> choices.put(type, type));
        return choices;
    }
}
