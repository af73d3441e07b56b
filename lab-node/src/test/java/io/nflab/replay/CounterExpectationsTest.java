package io.nflab.replay;

import static io.nflab.replay.ScenarioText.expectation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.lab.Activity;
import io.nflab.netfilter.Netfilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * counters read from the listing nflab's own iptables prints (byte for byte the real one's), for a ruleset
 * with counters, a user chain and a policy; missing chains and rules fail, saying so.
 */
class CounterExpectationsTest {
    private static final String RULES = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [3:180]
            :OUTPUT ACCEPT [0:0]
            :f2b - [0:0]
            [7:420] -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            [1:60] -A FORWARD -d 192.168.1.2/32 -p tcp -m tcp --dport 8080 -j ACCEPT
            [2:120] -A f2b -s 198.51.100.7/32 -j REJECT --reject-with icmp-port-unreachable
            COMMIT
            """;
    private final Netfilter netfilter = Netfilter.empty();
    private final List<List<String>> commands = new ArrayList<>();

    CounterExpectationsTest() {
        CommandResult restored = Iptables.execute(netfilter, List.of("iptables-restore", "-c"), RULES);
        assertEquals(0, restored.exitCode(), restored.stderr());
    }

    private ExpectationResult counters(String counters) {
        return ExpectationEvaluator.evaluate(
                expectation("{ clock: { advance: 1s }, expect: { counters: " + counters + " } }"),
                new Activity(0, 0, "", "", 0, Optional.empty(), List.of(), List.of()),
                (node, argv) -> {
                    assertEquals("gw", node);
                    commands.add(argv);
                    CommandResult r = Iptables.execute(netfilter, argv, "");
                    return new Activity(0, 0, r.stdout(), r.stderr(), r.exitCode(), Optional.empty(), List.of(), List.of());
                });
    }

    @Test
    void aRulesCounters() {
        ExpectationResult result = counters("{ node: gw, chain: FORWARD, rule: 2, packets: 1, bytes: 60 }");
        assertTrue(result.held(), result.explanation());
        assertEquals("gw filter FORWARD rule 2 counted 1 packet, 60 bytes", result.explanation());
        assertEquals(List.of(List.of("iptables", "-t", "filter", "-L", "FORWARD", "-v", "-x", "-n", "--line-numbers")),
                commands);
    }

    @Test
    void aPolicysCounters() {
        assertTrue(counters("{ node: gw, chain: FORWARD, rule: policy, packets: 3, bytes: 180 }").held());
        ExpectationResult result = counters("{ node: gw, chain: FORWARD, rule: policy, packets: 0 }");
        assertFalse(result.held());
        assertEquals("gw filter FORWARD policy counted 3 packets, 180 bytes; expected 0 packets\n"
                + "  Chain FORWARD (policy DROP 3 packets, 180 bytes)", result.explanation());
    }

    @Test
    void wrongCountsQuoteTheRule() {
        ExpectationResult result = counters("{ node: gw, chain: f2b, rule: 1, packets: 2, bytes: 0 }");
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith("gw filter f2b rule 1 counted 2 packets, 120 bytes; expected 0 bytes\n"
                + "  1           2      120 REJECT     0    --  *      *       198.51.100.7 "), result.explanation());
    }

    @Test
    void aMissingRule() {
        assertEquals("chain FORWARD in table filter on gw has 2 rules; there is no rule 5",
                counters("{ node: gw, chain: FORWARD, rule: 5, packets: 0 }").explanation());
    }

    @Test
    void aUserChainHasNoPolicy() {
        assertEquals("chain f2b in table filter on gw is a user-defined chain; only built-in chains have a policy",
                counters("{ node: gw, chain: f2b, rule: policy, packets: 0 }").explanation());
    }

    @Test
    void aMissingChain() {
        ExpectationResult result = counters("{ node: gw, chain: NOPE, rule: 1, packets: 0 }");
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith("there is no chain NOPE in table filter on gw;"
                + " its chains are: INPUT, FORWARD, OUTPUT, f2b\n"
                + "cannot read the counters of chain NOPE in table filter on gw:"
                + " `iptables -t filter -L NOPE -v -x -n --line-numbers' exited 1: "), result.explanation());
    }

    @Test
    void theListingParser() {
        CounterListing listing = CounterListing.parse("""
                Chain INPUT (policy ACCEPT 12 packets, 1008 bytes)
                num      pkts      bytes target     prot opt in     out     source               destination
                1          10      840 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0
                2           0        0 DROP       6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:23
                """);
        assertEquals("INPUT", listing.chain());
        assertEquals(12, listing.policy().orElseThrow().packets());
        assertEquals(1008, listing.policy().orElseThrow().bytes());
        assertEquals(2, listing.rules().size());
        assertEquals(840, listing.rules().get(0).bytes());
        assertTrue(CounterListing.parse("Chain f2b (1 references)\nnum pkts bytes target\n").policy().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CounterListing.parse(""));
        assertThrows(IllegalArgumentException.class, () -> CounterListing.parse("-P INPUT ACCEPT\n"));
        assertThrows(IllegalArgumentException.class,
                () -> CounterListing.parse("Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n2 0 0 ACCEPT\n"));
    }
}
