package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.diagnostics.TextSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy routing rule as a topology writes it, in {@code ip rule add} syntax:
 * {@code [pref N] [from PREFIX] [to PREFIX] [fwmark MARK[/MASK]] [iif IF] [oif IF] lookup TABLE}, options in
 * any order, each once. {@code lookup} (or {@code table}) is required here; a table is 1..4294967295 or
 * {@code main}, {@code local}, {@code default}. Without {@code pref} the rule gets the kernel's default
 * priority when it is added ({@link IpNamespace#defaultRulePriority()}).
 *
 * @param text     the text as written, which {@code ip rule add} takes back ({@link #toString()})
 * @param priority {@code pref}, if given
 */
public record RuleSpec(String text, OptionalLong priority, RoutingRule.Selector from, RoutingRule.Selector to,
        long mark, long mask, Optional<String> iif, Optional<String> oif, long table) {

    private static final long MAX = 0xffff_ffffL;
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-fA-F]{1,8}|[0-9]{1,10}");

    public RuleSpec {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(iif, "iif");
        Objects.requireNonNull(oif, "oif");
    }

    /**
     * Parses the {@code ip rule add} text.
     *
     * @throws TextSyntaxException naming the offending word and its column
     */
    public static RuleSpec parse(String text) {
        List<String> words = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
            columns.add(matcher.start());
        }
        List<String> seen = new ArrayList<>();
        OptionalLong priority = OptionalLong.empty();
        RoutingRule.Selector from = RoutingRule.Selector.ALL;
        RoutingRule.Selector to = RoutingRule.Selector.ALL;
        long mark = 0;
        long mask = 0;
        Optional<String> iif = Optional.empty();
        Optional<String> oif = Optional.empty();
        Long table = null;
        for (int at = 0; at < words.size(); at += 2) {
            String option = words.get(at);
            String key = option.equals("table") ? "lookup" : option.equals("priority") ? "pref" : option;
            if (!List.of("pref", "from", "to", "fwmark", "iif", "oif", "lookup").contains(key)) {
                throw error(text, option, columns.get(at), "unexpected word `" + option
                        + "'; expected pref, from, to, fwmark, iif, oif or lookup");
            }
            if (seen.contains(key)) {
                throw error(text, option, columns.get(at), "`" + option + "' given twice");
            }
            seen.add(key);
            if (at + 1 == words.size()) {
                throw error(text, "", text.length(), "`" + option + "' needs a value");
            }
            String value = words.get(at + 1);
            int column = columns.get(at + 1);
            switch (key) {
                case "pref" -> priority = OptionalLong.of(number(text, value, column, "priority"));
                case "from" -> from = selector(text, value, column);
                case "to" -> to = selector(text, value, column);
                case "fwmark" -> {
                    int slash = value.indexOf('/');
                    mark = number(text, slash < 0 ? value : value.substring(0, slash), column, "fwmark");
                    mask = slash < 0 ? (mark != 0 ? RoutingRule.FULL_MASK : 0)
                            : number(text, value.substring(slash + 1), column + slash + 1, "fwmark mask");
                }
                case "iif" -> iif = Optional.of(value);
                case "oif" -> oif = Optional.of(value);
                default -> {
                    Optional<Long> id = NUMBER.matcher(value).matches() || List.of("main", "local", "default")
                            .contains(value) ? RouteTables.parse(value) : Optional.empty();
                    if (id.isEmpty() || id.get() < 1 || id.get() > MAX) {
                        throw error(text, value, column, "invalid table `" + value
                                + "'; expected 1.." + MAX + ", main, local or default");
                    }
                    table = id.get();
                }
            }
        }
        if (table == null) {
            throw error(text, "", text.length(), "a rule needs `lookup TABLE'");
        }
        return new RuleSpec(text.strip(), priority, from, to, mark, mask, iif, oif, table);
    }

    /** The rule with this priority, or the given default when the text has none. */
    public RoutingRule rule(long defaultPriority) {
        return new RoutingRule(priority.orElse(defaultPriority), from, to, mark, mask, iif, oif, table);
    }

    @Override
    public String toString() {
        return text;
    }

    private static TextSyntaxException error(String text, String word, int column, String problem) {
        return new TextSyntaxException("invalid rule `" + text.strip() + "': " + problem, word, column);
    }

    private static long number(String text, String word, int column, String what) {
        if (NUMBER.matcher(word).matches()) {
            long value = word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
            if (value <= MAX) {
                return value;
            }
        }
        throw error(text, word, column, "invalid " + what + " `" + word
                + "'; expected 0.." + MAX + " (decimal or 0x hex)");
    }

    private static RoutingRule.Selector selector(String text, String word, int column) {
        if (word.equals("all")) {
            return RoutingRule.Selector.ALL;
        }
        Optional<Ipv4Prefix> prefix = Ipv4Prefix.tryParse(word);
        if (prefix.isEmpty()) {
            throw error(text, word, column, "invalid prefix `" + word
                    + "'; expected `all' or A.B.C.D/LEN");
        }
        Ipv4Address address = Ipv4Address.parse(word.contains("/") ? word.substring(0, word.indexOf('/')) : word);
        return new RoutingRule.Selector(address, prefix.get().length());
    }
}
