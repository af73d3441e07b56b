package io.nflab.scenario;

import io.nflab.address.Ipv4Address;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.TcpFlags;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlEntry;
import io.nflab.yaml.YamlNode;
import io.nflab.yaml.YamlSequence;
import io.nflab.yaml.YamlValue;
import io.nflab.yaml.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads a step's {@code expect:}: one mapping, or a list of mappings, whose every key is one
 * expectation. Checks that each expectation fits the step's action.
 */
final class ExpectationReader {
    static final List<String> KEYWORDS =
            List.of("delivered", "dropped", "rejected", "connection", "output", "stderr", "exit", "counters");
    private static final List<String> DELIVERED_KEYS = List.of("node", "interface", "src", "dst", "sport", "dport",
            "proto", "ttl", "tos", "flags", "icmp-type", "icmp-code");
    private static final List<String> DROPPED_KEYS = List.of("node", "table", "chain", "rule");
    private static final List<String> REJECTED_KEYS = List.of("node", "with", "table", "chain", "rule");
    private static final List<String> COUNTERS_KEYS = List.of("node", "table", "chain", "rule", "packets", "bytes");
    private static final List<String> TEXT_KEYS = List.of("equals", "contains");

    private static final YamlValue<Ipv4Address> ADDRESS = YamlValues.parsed("an IPv4 address A.B.C.D", Ipv4Address::tryParse);
    private static final YamlValue<Integer> PORT = YamlValues.integer(0, 65535);
    private static final YamlValue<Integer> BYTE = YamlValues.integer(0, 255);
    private static final YamlValue<IpProtocol> PROTOCOL =
            YamlValues.parsed("an IP protocol (tcp, udp, icmp, … or 0..255)", IpProtocol::tryParse);
    private static final YamlValue<TcpFlags> TCP_FLAGS =
            YamlValues.parsed("TCP flag letters from FSRPAUEC (S, SA, FA) or none", ExpectationReader::tcpFlags);
    private static final YamlValue<IcmpType> ICMP_TYPE =
            YamlValues.parsed("an ICMP type (echo-request, destination-unreachable, … or 0..255)", IcmpType::tryParse);
    private static final YamlValue<String> TABLE = YamlValues.oneOf(identity(NetfilterPlace.TABLES));
    private static final YamlValue<String> CHAIN = YamlValues.string()
            .filter(chain -> chain.length() <= 28 && !chain.isBlank() && !chain.contains(" "),
                    "a chain name (at most 28 characters, no blanks)");
    private static final YamlValue<RuleRef> RULE = YamlValues.parsed("a rule number (1, 2, …) or policy",
            ExpectationReader::ruleRef);
    private static final YamlValue<Long> COUNT = YamlValues.integer(0L, Long.MAX_VALUE);
    private static final YamlValue<ConnectionOutcome> OUTCOME =
            YamlValues.keyword(ConnectionOutcome.values(), ConnectionOutcome::keyword);
    private static final YamlValue<RejectWith> REJECT_WITH = YamlValues.keyword(RejectWith.values(), RejectWith::keyword);

    private final TopologyReferences references;
    private final Diagnostics problems;

    ExpectationReader(TopologyReferences references, Diagnostics problems) {
        this.references = references;
        this.problems = problems;
    }

    /** The expectations under {@code expect}; {@code action} is empty when the step's action was invalid. */
    List<Expectation> read(YamlNode expect, String step, Optional<? extends Action> action) {
        List<YamlNode> groups = expect instanceof YamlSequence sequence ? sequence.items() : List.of(expect);
        List<Expectation> expectations = new ArrayList<>();
        for (YamlNode group : groups) {
            MappingReader.open(group, "`expect' of " + step, problems, KEYWORDS).ifPresent(mapping -> {
                for (YamlEntry entry : mapping.entriesAmong(KEYWORDS)) {
                    String context = "`" + entry.key() + "' of " + step;
                    read(entry, context).ifPresent(expectation -> {
                        if (action.isEmpty() || fits(expectation, action.get(), entry)) {
                            expectations.add(expectation);
                        }
                    });
                }
            });
        }
        return expectations;
    }

    private Optional<? extends Expectation> read(YamlEntry entry, String context) {
        return switch (entry.key()) {
            case "delivered" -> open(entry, context, DELIVERED_KEYS).flatMap(this::delivered);
            case "dropped" -> open(entry, context, DROPPED_KEYS).flatMap(this::dropped);
            case "rejected" -> open(entry, context, REJECTED_KEYS).flatMap(this::rejected);
            case "connection" -> OUTCOME.read(entry.value(), "`connection'", problems).map(Expectation.Connection::new);
            case "output" -> open(entry, context, TEXT_KEYS).flatMap(m -> output(m, Expectation.Stream.STDOUT));
            case "stderr" -> open(entry, context, TEXT_KEYS).flatMap(m -> output(m, Expectation.Stream.STDERR));
            case "exit" -> BYTE.read(entry.value(), "`exit'", problems).map(Expectation.ExitStatus::new);
            default -> open(entry, context, COUNTERS_KEYS).flatMap(this::counters);
        };
    }

    private Optional<MappingReader> open(YamlEntry entry, String context, List<String> keys) {
        return MappingReader.open(entry.value(), context, problems, keys);
    }

    /** Whether an expectation can hold after this action; reports it when not. */
    private boolean fits(Expectation expectation, Action action, YamlEntry entry) {
        String problem = null;
        if (expectation.isPacketFate() && !action.causesPackets()) {
            problem = "needs a step that sends packets (send, connect, ping, traceroute)";
        } else if (expectation instanceof Expectation.Connection && !(action instanceof Action.Connect)) {
            problem = "needs a `connect' step";
        } else if ((expectation instanceof Expectation.Output || expectation instanceof Expectation.ExitStatus)
                && !action.printsOutput()) {
            problem = "needs a step that runs a command (iptables, iptables-save, conntrack, ip, ping, traceroute)";
        }
        if (problem != null) {
            problems.error(entry.keyLocation(), "`" + entry.key() + "' " + problem + ", not `" + action.keyword() + "'");
        }
        return problem == null;
    }

    private Optional<Expectation.Delivered> delivered(MappingReader m) {
        int before = problems.count();
        Optional<String> node = references.node(m, "node");
        Optional<String> iface = references.iface(m, "interface", false, node);
        HeaderExpectation headers = new HeaderExpectation(
                m.optional("src", ADDRESS), m.optional("dst", ADDRESS),
                optionalInt(m, "sport", PORT), optionalInt(m, "dport", PORT),
                m.optional("proto", PROTOCOL), optionalInt(m, "ttl", BYTE), optionalInt(m, "tos", BYTE),
                m.optional("flags", TCP_FLAGS), m.optional("icmp-type", ICMP_TYPE), optionalInt(m, "icmp-code", BYTE));
        return problems.count() == before
                ? node.map(n -> new Expectation.Delivered(n, iface, headers))
                : Optional.empty();
    }

    private Optional<Expectation.Dropped> dropped(MappingReader m) {
        int before = problems.count();
        Optional<String> node = references.node(m, "node");
        NetfilterPlace place = place(m);
        return problems.count() == before ? node.map(n -> new Expectation.Dropped(n, place)) : Optional.empty();
    }

    private Optional<Expectation.Rejected> rejected(MappingReader m) {
        int before = problems.count();
        Optional<String> node = references.node(m, "node");
        Optional<RejectWith> with = m.optional("with", REJECT_WITH);
        NetfilterPlace place = place(m);
        return problems.count() == before ? node.map(n -> new Expectation.Rejected(n, place, with)) : Optional.empty();
    }

    private NetfilterPlace place(MappingReader m) {
        return new NetfilterPlace(m.optional("table", TABLE), m.optional("chain", CHAIN), m.optional("rule", RULE));
    }

    private Optional<Expectation.Output> output(MappingReader m, Expectation.Stream stream) {
        List<YamlEntry> matches = m.entriesAmong(TEXT_KEYS);
        if (matches.size() != 1) {
            problems.error(m.location(), "`" + stream.keyword() + "' takes exactly one of: equals, contains");
            return Optional.empty();
        }
        Function<String, TextMatch> kind = matches.get(0).key().equals("equals")
                ? TextMatch.Equals::new
                : TextMatch.Contains::new;
        return m.required(matches.get(0).key(), YamlValues.string())
                .map(text -> new Expectation.Output(stream, kind.apply(text)));
    }

    private Optional<Expectation.Counters> counters(MappingReader m) {
        int before = problems.count();
        Optional<String> node = references.node(m, "node");
        String table = m.optional("table", TABLE, "filter");
        Optional<String> chain = m.required("chain", CHAIN);
        Optional<RuleRef> rule = m.required("rule", RULE);
        OptionalLong packets = optionalLong(m, "packets");
        OptionalLong bytes = optionalLong(m, "bytes");
        if (!m.has("packets") && !m.has("bytes")) {
            problems.error(m.location(), "`counters' needs `packets', `bytes' or both");
        }
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new Expectation.Counters(node.orElseThrow(), table, chain.orElseThrow(), rule.orElseThrow(),
                packets, bytes));
    }

    private static OptionalInt optionalInt(MappingReader m, String key, YamlValue<Integer> value) {
        return m.optional(key, value).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static OptionalLong optionalLong(MappingReader m, String key) {
        return m.optional(key, COUNT).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static Optional<TcpFlags> tcpFlags(String letters) {
        try {
            return Optional.of(TcpFlags.parse(letters));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<RuleRef> ruleRef(String text) {
        if (text.equals("policy")) {
            return Optional.of(new RuleRef.Policy());
        }
        return text.matches("[1-9][0-9]{0,8}") ? Optional.of(new RuleRef.Numbered(Integer.parseInt(text))) : Optional.empty();
    }

    private static Map<String, String> identity(List<String> words) {
        Map<String, String> map = new LinkedHashMap<>();
        words.forEach(word -> map.put(word, word));
        return map;
    }
}
