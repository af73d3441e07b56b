package io.nflab.netfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.netfilter.target.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainTest {
    private static Rule rule(Verdict verdict) {
        return new Rule(IpSpec.ANY, List.of(), verdict);
    }

    @Test
    void countersFollowTheirRuleWhenRulesAreInsertedAndDeleted() {
        Chain chain = Chain.user("WEB");
        Rule accept = rule(Verdict.ACCEPT);
        Rule drop = rule(Verdict.DROP);
        chain.append(accept, new PacketCounters(5, 500));
        chain.insert(0, drop, PacketCounters.ZERO);
        chain.countRule(1, 100);
        assertEquals(new PacketCounters(6, 600), chain.ruleCounters(1));
        assertEquals(accept, chain.rule(1));
        chain.delete(0);
        assertEquals(new PacketCounters(6, 600), chain.ruleCounters(0));
        assertEquals(1, chain.size());
    }

    @Test
    void manyRulesGrowTheCounterArrays() {
        Chain chain = Chain.builtin(Hook.INPUT);
        for (int i = 0; i < 100; i++) {
            chain.insert(0, rule(Verdict.ACCEPT), new PacketCounters(i, i));
        }
        assertEquals(new PacketCounters(99, 99), chain.ruleCounters(0));
        assertEquals(new PacketCounters(0, 0), chain.ruleCounters(99));
    }

    @Test
    void zeroClearsRulesAndPolicyButFlushOnlyRules() {
        Chain chain = Chain.builtin(Hook.FORWARD);
        chain.append(rule(Verdict.DROP), new PacketCounters(1, 2));
        chain.countPolicy(60);
        chain.zero();
        assertEquals(PacketCounters.ZERO, chain.ruleCounters(0));
        assertEquals(PacketCounters.ZERO, chain.policyCounters());
        chain.countPolicy(60);
        chain.flush();
        assertEquals(0, chain.size());
        assertEquals(new PacketCounters(1, 60), chain.policyCounters());
    }

    @Test
    void userChainsHaveNoPolicyAndBuiltinsCannotBeRenamed() {
        assertThrows(IllegalStateException.class, () -> Chain.user("X").setPolicy(Policy.DROP));
        assertThrows(IllegalStateException.class, () -> Chain.builtin(Hook.INPUT).rename("Y"));
        assertThrows(IndexOutOfBoundsException.class, () -> Chain.user("X").countRule(0, 1));
    }
}
