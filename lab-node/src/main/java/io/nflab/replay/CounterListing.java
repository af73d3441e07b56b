package io.nflab.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chain's counters, read from what {@code iptables -t TABLE -L CHAIN -v -x -n --line-numbers} prints:
 * the header {@code Chain FORWARD (policy DROP 3 packets, 180 bytes)} (a user chain's header has
 * {@code (N references)} and no policy), a column header, then one line per rule starting with its number,
 * packets and bytes. Lines are matched by their leading columns only, so any match or target text after
 * them is fine.
 *
 * @param policy the built-in chain's policy counters; empty for a user-defined chain
 * @param rules  each rule's counters, rule 1 first
 */
public record CounterListing(String chain, Optional<Counts> policy, List<Counts> rules) {
    private static final Pattern HEADER = Pattern.compile(
            "^Chain (\\S+) \\((?:policy \\S+ (\\d+) packets, (\\d+) bytes|\\d+ references?)\\)$");
    private static final Pattern RULE = Pattern.compile("^(\\d+)\\s+(\\d+)\\s+(\\d+)(?:\\s.*)?$");

    public CounterListing {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(policy, "policy");
        rules = List.copyOf(rules);
    }

    /** A rule's or policy's counters and, for a rule, its whole line as iptables printed it. */
    public record Counts(long packets, long bytes, String line) {
    }

    /**
     * Parses the listing.
     *
     * @throws IllegalArgumentException naming the line that is not what iptables prints
     */
    public static CounterListing parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the listing is empty");
        }
        Matcher header = HEADER.matcher(lines.get(0));
        if (!header.matches()) {
            throw new IllegalArgumentException("the listing does not start with a chain header: " + lines.get(0));
        }
        Optional<Counts> policy = header.group(2) == null ? Optional.empty()
                : Optional.of(new Counts(Long.parseLong(header.group(2)), Long.parseLong(header.group(3)), lines.get(0)));
        List<Counts> rules = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher rule = RULE.matcher(line.strip());
            if (!rule.matches()) {
                continue; // the column header, or an empty line
            }
            int number = Integer.parseInt(rule.group(1));
            if (number != rules.size() + 1) {
                throw new IllegalArgumentException("rule " + number + " follows rule " + rules.size() + ": " + line);
            }
            rules.add(new Counts(Long.parseLong(rule.group(2)), Long.parseLong(rule.group(3)), line.strip()));
        }
        return new CounterListing(header.group(1), policy, rules);
    }
}
