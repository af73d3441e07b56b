package io.nflab.replay;

import io.nflab.lab.Activity;
import io.nflab.scenario.Expectation;
import io.nflab.scenario.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates a {@code counters} expectation against the node's listing of the chain
 * ({@code iptables -t TABLE -L CHAIN -v -x -n --line-numbers}, see {@link #listingCommand}). A chain or
 * rule that does not exist, and a policy asked of a user-defined chain, fail the expectation, saying so.
 */
final class CounterExpectations {

    private CounterExpectations() {
    }

    /** The command that lists the counters the expectation reads, as run on its node. */
    static List<String> listingCommand(Expectation.Counters expected) {
        return List.of("iptables", "-t", expected.table(), "-L", expected.chain(), "-v", "-x", "-n", "--line-numbers");
    }

    /** Reads the chain's listing on the node and evaluates the expectation against it. */
    static ExpectationResult evaluate(Expectation.Counters expected, ExpectationEvaluator.NodeCommands nodes) {
        Activity listing = nodes.run(expected.node(), listingCommand(expected));
        if (listing.exitCode() == 0) {
            return evaluate(expected, listing);
        }
        Activity rules = nodes.run(expected.node(), List.of("iptables", "-t", expected.table(), "-S"));
        List<String> chains = rules.exitCode() != 0 ? List.of() : rules.stdout().lines()
                .filter(l -> l.startsWith("-P ") || l.startsWith("-N "))
                .map(l -> l.split(" ")[1]).toList();
        String missing = chains.isEmpty() || chains.contains(expected.chain()) ? ""
                : "there is no chain " + expected.chain() + " in table " + expected.table() + " on " + expected.node()
                        + "; its chains are: " + String.join(", ", chains) + "\n";
        return ExpectationResult.failed(expected, missing + "cannot read the counters of chain " + expected.chain()
                + " in table " + expected.table() + " on " + expected.node() + ": `"
                + String.join(" ", listingCommand(expected)) + "' exited " + listing.exitCode()
                + (listing.stderr().isBlank() ? "" : ": " + listing.stderr().strip()));
    }

    /** Evaluates the expectation against the chain's listing (the output of {@link #listingCommand}, exit 0). */
    static ExpectationResult evaluate(Expectation.Counters expected, Activity listing) {
        String where = expected.node() + " " + expected.table() + " " + expected.chain();
        CounterListing chain;
        try {
            chain = CounterListing.parse(listing.stdout());
        } catch (IllegalArgumentException e) {
            return ExpectationResult.failed(expected, "cannot read the counters of " + where + ": " + e.getMessage());
        }
        Optional<CounterListing.Counts> counts;
        if (expected.rule() instanceof RuleRef.Numbered n) {
            if (n.number() > chain.rules().size()) {
                return ExpectationResult.failed(expected, "chain " + expected.chain() + " in table " + expected.table()
                        + " on " + expected.node() + " has " + rules(chain.rules().size()) + "; there is no rule "
                        + n.number());
            }
            counts = Optional.of(chain.rules().get(n.number() - 1));
        } else {
            counts = chain.policy();
            if (counts.isEmpty()) {
                return ExpectationResult.failed(expected, "chain " + expected.chain() + " in table " + expected.table()
                        + " on " + expected.node() + " is a user-defined chain; only built-in chains have a policy");
            }
        }
        CounterListing.Counts actual = counts.get();
        List<String> differences = new ArrayList<>();
        expected.packets().stream().filter(p -> p != actual.packets())
                .forEach(p -> differences.add("expected " + count(p, "packet")));
        expected.bytes().stream().filter(b -> b != actual.bytes())
                .forEach(b -> differences.add("expected " + count(b, "byte")));
        String seen = where + " " + ExpectationText.rule(expected.rule()) + " counted "
                + count(actual.packets(), "packet") + ", " + count(actual.bytes(), "byte");
        if (differences.isEmpty()) {
            return ExpectationResult.held(expected, seen);
        }
        return ExpectationResult.failed(expected, seen + "; " + String.join(", ", differences) + "\n  " + actual.line());
    }

    private static String rules(int count) {
        return count == 0 ? "no rules" : count(count, "rule");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
