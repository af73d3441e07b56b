package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.diagnostics.TextSyntaxException;
import io.nflab.link.NetlinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy routing rule as a topology writes it, in {@code ip rule add} syntax: selectors {@code [not]
 * [pref N] [from PREFIX] [to PREFIX] [tos T] [fwmark MARK[/MASK]] [iif IF] [oif IF] [ipproto P]
 * [sport N[-M]] [dport N[-M]] [uidrange A-B]} and one action, {@code lookup TABLE}, {@code goto PREF},
 * {@code nop}, {@code blackhole}, {@code unreachable} or {@code prohibit}; words in any order, each once. A
 * table is 1..4294967295 or {@code main}, {@code local}, {@code default}. Without {@code pref} the rule gets
 * the kernel's default priority when it is added ({@link IpNamespace#defaultRulePriority()}); a {@code goto}
 * needs one (its target must come later). What the kernel would refuse is refused here.
 *
 * @param text     the text as written, which {@code ip rule add} takes back ({@link #toString()})
 * @param priority {@code pref}, if given
 * @param rule     the rule, with priority 0 when none is given
 */
public record RuleSpec(String text, OptionalLong priority, RoutingRule rule) {

    private static final long MAX = 0xffff_ffffL;
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-fA-F]{1,8}|[0-9]{1,10}");
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,10})(?:-([0-9]{1,10}))?");
    private static final List<String> VALUE_KEYS = List.of("pref", "from", "to", "tos", "fwmark", "iif", "oif",
            "ipproto", "sport", "dport", "uidrange", "lookup", "goto");
    private static final List<String> FLAG_KEYS = List.of("not", "nop", "blackhole", "unreachable", "prohibit");
    private static final List<String> ACTIONS = List.of("lookup", "goto", "nop", "blackhole", "unreachable",
            "prohibit");

    public RuleSpec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * Parses the {@code ip rule add} text.
     *
     * @throws TextSyntaxException naming the offending word and its column
     */
    public static RuleSpec parse(String text) {
        return new Parser(text).parse();
    }

    /** The rule with this priority, or the given default when the text has none. */
    public RoutingRule rule(long defaultPriority) {
        return rule.withPriority(priority.orElse(defaultPriority));
    }

    @Override
    public String toString() {
        return text;
    }

    /** One pass over the words of a rule text. */
    private static final class Parser {
        private final String text;
        private final List<String> words = new ArrayList<>();
        private final List<Integer> columns = new ArrayList<>();
        private final List<String> seen = new ArrayList<>();
        private OptionalLong priority = OptionalLong.empty();
        private boolean invert;
        private RoutingRule.Selector from = RoutingRule.Selector.ALL;
        private RoutingRule.Selector to = RoutingRule.Selector.ALL;
        private int tos;
        private long mark;
        private long mask;
        private Optional<String> iif = Optional.empty();
        private Optional<String> oif = Optional.empty();
        private int protocol;
        private RoutingRule.PortRange sourcePorts = RoutingRule.PortRange.ANY;
        private RoutingRule.PortRange destinationPorts = RoutingRule.PortRange.ANY;
        private RoutingRule.UidRange uids = RoutingRule.UidRange.ALL;
        private long table;
        private RuleAction action;
        private long target;
        private String actionWord;
        private int actionColumn;

        Parser(String text) {
            this.text = text;
            Matcher matcher = WORD.matcher(text);
            while (matcher.find()) {
                words.add(matcher.group());
                columns.add(matcher.start());
            }
        }

        RuleSpec parse() {
            int at = 0;
            while (at < words.size()) {
                String option = words.get(at);
                String key = option.equals("table") ? "lookup" : option.equals("priority") ? "pref"
                        : option.equals("dsfield") ? "tos" : option;
                if (!VALUE_KEYS.contains(key) && !FLAG_KEYS.contains(key)) {
                    throw error(option, columns.get(at), "unexpected word `" + option + "'; expected not, pref,"
                            + " from, to, tos, fwmark, iif, oif, ipproto, sport, dport, uidrange, lookup, goto, nop,"
                            + " blackhole, unreachable or prohibit");
                }
                if (seen.contains(key)) {
                    throw error(option, columns.get(at), "`" + option + "' given twice");
                }
                seen.add(key);
                if (ACTIONS.contains(key)) {
                    if (action != null) {
                        throw error(option, columns.get(at), "`" + option + "' and `" + actionWord
                                + "' are two actions; a rule has one");
                    }
                    action = RuleAction.TO_TABLE;
                    actionWord = option;
                    actionColumn = columns.get(at);
                }
                if (FLAG_KEYS.contains(key)) {
                    flag(key);
                    at++;
                    continue;
                }
                if (at + 1 == words.size()) {
                    throw error("", text.length(), "`" + option + "' needs a value");
                }
                value(key, words.get(at + 1), columns.get(at + 1));
                at += 2;
            }
            if (action == null) {
                throw error("", text.length(), "a rule needs an action: `lookup TABLE', `goto PREF', nop,"
                        + " blackhole, unreachable or prohibit");
            }
            if (action == RuleAction.GOTO && priority.isEmpty()) {
                throw error(actionWord, actionColumn, "`goto' needs `pref' (its target must come after the rule)");
            }
            RoutingRule rule = new RoutingRule(priority.orElse(0), invert, from, to, tos, mark, mask, iif, oif,
                    uids, protocol, sourcePorts, destinationPorts, table, action, target);
            try {
                RuleChecks.check(rule);
            } catch (NetlinkException e) {
                String message = e.getMessage();
                String key = message.contains("goto") ? "goto" : message.contains("sport") ? "sport"
                        : message.contains("dport") ? "dport" : message.contains("uid") ? "uidrange" : "tos";
                int index = words.indexOf(key.equals("tos") && !words.contains("tos") ? "dsfield" : key);
                throw error(words.get(index + 1), columns.get(index + 1), "the kernel refuses it: " + message);
            }
            return new RuleSpec(text.strip(), priority, rule);
        }

        private void flag(String key) {
            switch (key) {
                case "not" -> invert = true;
                case "nop" -> action = RuleAction.NOP;
                case "blackhole" -> action = RuleAction.BLACKHOLE;
                case "unreachable" -> action = RuleAction.UNREACHABLE;
                default -> action = RuleAction.PROHIBIT;
            }
        }

        private void value(String key, String value, int column) {
            switch (key) {
                case "pref" -> priority = OptionalLong.of(number(value, column, "priority"));
                case "from" -> from = selector(value, column);
                case "to" -> to = selector(value, column);
                case "tos" -> tos = IpWords.dsfield(value).orElseThrow(() -> error(value, column, "invalid tos `"
                        + value + "'; expected a hex number up to 0xff or a DSCP name of rt_dsfield"));
                case "fwmark" -> {
                    int slash = value.indexOf('/');
                    mark = number(slash < 0 ? value : value.substring(0, slash), column, "fwmark");
                    mask = slash < 0 ? (mark != 0 ? RoutingRule.FULL_MASK : 0)
                            : number(value.substring(slash + 1), column + slash + 1, "fwmark mask");
                }
                case "iif" -> iif = Optional.of(value);
                case "oif" -> oif = Optional.of(value);
                case "ipproto" -> protocol = IpWords.protocol(value).orElseThrow(() -> error(value, column,
                        "invalid ipproto `" + value + "'; expected a protocol name or 0..255"));
                case "sport" -> sourcePorts = ports(value, column);
                case "dport" -> destinationPorts = ports(value, column);
                case "uidrange" -> {
                    Matcher range = RANGE.matcher(value);
                    if (!range.matches() || range.group(2) == null || Long.parseLong(range.group(1)) > MAX
                            || Long.parseLong(range.group(2)) > MAX) {
                        throw error(value, column, "invalid uidrange `" + value + "'; expected START-END");
                    }
                    uids = new RoutingRule.UidRange(Long.parseLong(range.group(1)), Long.parseLong(range.group(2)));
                }
                case "goto" -> {
                    target = number(value, column, "goto target");
                    action = RuleAction.GOTO;
                }
                default -> {
                    Optional<Long> id = NUMBER.matcher(value).matches() || List.of("main", "local", "default")
                            .contains(value) ? RouteTables.parse(value) : Optional.empty();
                    if (id.isEmpty() || id.get() < 1 || id.get() > MAX) {
                        throw error(value, column, "invalid table `" + value
                                + "'; expected 1.." + MAX + ", main, local or default");
                    }
                    table = id.get();
                }
            }
        }

        private RoutingRule.PortRange ports(String word, int column) {
            Matcher range = RANGE.matcher(word);
            if (range.matches()) {
                long start = Long.parseLong(range.group(1));
                long end = range.group(2) == null ? start : Long.parseLong(range.group(2));
                if (start <= 0xffff && end <= 0xffff) {
                    return new RoutingRule.PortRange((int) start, (int) end);
                }
            }
            throw error(word, column, "invalid port range `" + word + "'; expected PORT or FIRST-LAST (1..65534)");
        }

        private TextSyntaxException error(String word, int column, String problem) {
            return new TextSyntaxException("invalid rule `" + text.strip() + "': " + problem, word, column);
        }

        private long number(String word, int column, String what) {
            if (NUMBER.matcher(word).matches()) {
                long value = word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
                if (value <= MAX) {
                    return value;
                }
            }
            throw error(word, column, "invalid " + what + " `" + word
                    + "'; expected 0.." + MAX + " (decimal or 0x hex)");
        }

        private RoutingRule.Selector selector(String word, int column) {
            if (word.equals("all")) {
                return RoutingRule.Selector.ALL;
            }
            Optional<Ipv4Prefix> prefix = Ipv4Prefix.tryParse(word);
            if (prefix.isEmpty()) {
                throw error(word, column, "invalid prefix `" + word + "'; expected `all' or A.B.C.D/LEN");
            }
            Ipv4Address address = Ipv4Address.parse(word.contains("/") ? word.substring(0, word.indexOf('/')) : word);
            return new RoutingRule.Selector(address, prefix.get().length());
        }
    }
}
