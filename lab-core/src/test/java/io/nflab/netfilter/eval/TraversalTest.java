package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.Verdict;
import io.nflab.packet.PacketText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation order, counters and the call stack: jump, goto, RETURN, policies. */
class TraversalTest {
    private static final String SSH_SYN = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S";

    private final RecordingLog log = new RecordingLog();

    private Decision input(Netfilter netfilter, String packet) {
        return engine(netfilter).evaluate(TableKind.FILTER, Hook.INPUT, context(packet));
    }

    private NetfilterEngine engine(Netfilter netfilter) {
        return new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(log));
    }

    private static PacketContext context(String packet) {
        return PacketContext.of(PacketText.parse(packet)).interfaces("eth0", "");
    }

    private static Chain chain(Netfilter netfilter, String name) {
        return netfilter.table(TableKind.FILTER).orElseThrow().chain(name).orElseThrow();
    }

    private static PacketCounters counters(Netfilter netfilter, String chain, int rule) {
        return chain(netfilter, chain).ruleCounters(rule - 1);
    }

    @Test
    void firstMatchingRuleDecidesAndCountsTheIpTotalLength() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p udp -j DROP", "-A INPUT -p tcp --dport 22 -j ACCEPT",
                "-A INPUT -p tcp -j DROP");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.ACCEPT, decision.kind());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "INPUT", Place.Step.RULE, 2), decision.place());
        assertSame(Verdict.ACCEPT, decision.target());
        assertEquals(PacketCounters.ZERO, counters(netfilter, "INPUT", 1));
        assertEquals(new PacketCounters(1, 40), counters(netfilter, "INPUT", 2));
        assertEquals(PacketCounters.ZERO, counters(netfilter, "INPUT", 3));
        assertEquals(PacketCounters.ZERO, chain(netfilter, "INPUT").policyCounters());
    }

    @Test
    void noMatchingRuleMeansThePolicyWhichCountsToo() {
        Netfilter netfilter = Rulesets.of("-P INPUT DROP", "-A INPUT -p udp -j ACCEPT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "INPUT", Place.Step.POLICY, 2), decision.place());
        assertNull(decision.target());
        assertEquals(new PacketCounters(1, 40), chain(netfilter, "INPUT").policyCounters());
    }

    @Test
    void rulesWithoutTargetAndNonTerminatingTargetsCountAndContinue() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp", "-A INPUT -j LOG --log-prefix \"in: \"",
                "-A INPUT -p tcp -j MARK --set-mark 7", "-A INPUT -m mark --mark 7 -j DROP");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(4, decision.place().number());
        for (int rule = 1; rule <= 4; rule++) {
            assertEquals(new PacketCounters(1, 40), counters(netfilter, "INPUT", rule), "rule " + rule);
        }
        assertEquals(1, log.lines.size());
    }

    @Test
    void jumpReturnsAfterTheJumpingRuleWhenTheUserChainEnds() {
        Netfilter netfilter = Rulesets.of("-N CHECK", "-A CHECK -p udp -j DROP", "-A INPUT -j CHECK",
                "-A INPUT -p tcp -j REJECT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.REJECT, decision.kind());
        assertEquals(2, decision.place().number());
        assertEquals(new PacketCounters(1, 40), counters(netfilter, "INPUT", 1));
        assertEquals(PacketCounters.ZERO, counters(netfilter, "CHECK", 1));
    }

    @Test
    void verdictInsideAUserChainEndsTheWholeTraversalAndNamesTheUserChain() {
        Netfilter netfilter = Rulesets.of("-N SSH", "-A SSH -s 10.0.0.0/8 -j ACCEPT", "-A INPUT -p tcp -j SSH",
                "-A INPUT -j DROP");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.ACCEPT, decision.kind());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "SSH", Place.Step.RULE, 1), decision.place());
        assertEquals(PacketCounters.ZERO, counters(netfilter, "INPUT", 2));
    }

    @Test
    void returnInNestedChainsPopsOneLevel() {
        Netfilter netfilter = Rulesets.of("-N A", "-N B", "-A INPUT -j A", "-A INPUT -j ACCEPT",
                "-A A -j B", "-A A -j DROP", "-A B -p tcp -j RETURN", "-A B -j ACCEPT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "A", Place.Step.RULE, 2), decision.place());
        assertEquals(PacketCounters.ZERO, counters(netfilter, "B", 2));
    }

    @Test
    void returnFromAGotoChainGoesBackToTheCallerOfTheChainThatDidTheGoto() {
        // INPUT -j A; A -g B; B RETURN: back in INPUT after rule 1, not in A after its goto.
        Netfilter netfilter = Rulesets.of("-N A", "-N B", "-A INPUT -j A", "-A INPUT -p tcp -j REJECT",
                "-A A -g B", "-A A -j ACCEPT", "-A B -j RETURN");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.REJECT, decision.kind());
        assertEquals(new Place(Hook.INPUT, TableKind.FILTER, "INPUT", Place.Step.RULE, 2), decision.place());
        assertEquals(PacketCounters.ZERO, counters(netfilter, "A", 2));
        assertEquals(new PacketCounters(1, 40), counters(netfilter, "B", 1));
    }

    @Test
    void fallingOffAGotoChainReachedFromTheBaseChainMeansThePolicy() {
        Netfilter netfilter = Rulesets.of("-P INPUT DROP", "-N B", "-A INPUT -g B", "-A INPUT -j ACCEPT",
                "-A B -p udp -j ACCEPT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(Place.Step.POLICY, decision.place().step());
        assertEquals(PacketCounters.ZERO, counters(netfilter, "INPUT", 2));
        assertEquals(new PacketCounters(1, 40), chain(netfilter, "INPUT").policyCounters());
    }

    @Test
    void returnInTheBaseChainMeansThePolicyAndCountsIt() {
        Netfilter netfilter = Rulesets.of("-P INPUT DROP", "-A INPUT -p tcp -j RETURN", "-A INPUT -j ACCEPT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(Place.Step.POLICY, decision.place().step());
        assertEquals(new PacketCounters(1, 40), counters(netfilter, "INPUT", 1));
        assertEquals(new PacketCounters(1, 40), chain(netfilter, "INPUT").policyCounters());
    }

    @Test
    void aUserChainCanBeEnteredSeveralTimes() {
        Netfilter netfilter = Rulesets.of("-N COUNT", "-A COUNT -p tcp", "-A INPUT -j COUNT", "-A INPUT -j COUNT",
                "-A INPUT -g COUNT");
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.ACCEPT, decision.kind());
        assertEquals(new PacketCounters(3, 120), counters(netfilter, "COUNT", 1));
    }

    @Test
    void tablesAndChainsNfTablesHasNotCreatedAreNotHookedAndCountNothing() {
        Netfilter netfilter = Rulesets.of("-A INPUT -j ACCEPT");
        NetfilterEngine engine = engine(netfilter);
        PacketContext packet = context(SSH_SYN);
        Decision forward = engine.evaluate(TableKind.FILTER, Hook.FORWARD, packet);
        assertEquals(Decision.Kind.NOT_HOOKED, forward.kind());
        assertTrue(forward.continues());
        assertEquals(PacketCounters.ZERO, chain(netfilter, "FORWARD").policyCounters());
        assertEquals(Decision.Kind.NOT_HOOKED, engine.evaluate(TableKind.NAT, Hook.PREROUTING, packet).kind());
    }

    @Test
    void chainsDeeperThanTheKernelsJumpStackDrop() {
        String[] commands = new String[40];
        int next = 0;
        for (int i = 1; i <= 18; i++) {
            commands[next++] = "-N C" + i;
        }
        commands[next++] = "-A INPUT -j C1";
        for (int i = 1; i < 18; i++) {
            commands[next++] = "-A C" + i + " -j C" + (i + 1);
        }
        Netfilter netfilter = Rulesets.of(java.util.Arrays.copyOf(commands, next));
        Decision decision = input(netfilter, SSH_SYN);
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals("C16", decision.place().chain());
    }

    @Test
    void changesToTheRulesetAreSeenByTheNextPacket() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp -j ACCEPT");
        NetfilterEngine engine = engine(netfilter);
        assertEquals(Decision.Kind.ACCEPT, engine.evaluate(TableKind.FILTER, Hook.INPUT, context(SSH_SYN)).kind());
        Rulesets.apply(netfilter, "-I INPUT -p tcp --dport 22 -j DROP");
        assertEquals(Decision.Kind.DROP, engine.evaluate(TableKind.FILTER, Hook.INPUT, context(SSH_SYN)).kind());
        Rulesets.apply(netfilter, "-P INPUT DROP", "-F INPUT");
        Decision decision = engine.evaluate(TableKind.FILTER, Hook.INPUT, context(SSH_SYN));
        assertEquals(List.of(Decision.Kind.DROP, Place.Step.POLICY),
                List.of(decision.kind(), decision.place().step()));
    }

    @Test
    void decisionsAreSharedValues() {
        Netfilter netfilter = Rulesets.of("-A INPUT -p tcp -j DROP");
        NetfilterEngine engine = engine(netfilter);
        assertSame(engine.evaluate(TableKind.FILTER, Hook.INPUT, context(SSH_SYN)),
                engine.evaluate(TableKind.FILTER, Hook.INPUT, context(SSH_SYN)));
    }

    @Test
    void tablesRunInKernelPriorityOrder() {
        NetfilterEngine engine = engine(Netfilter.empty());
        assertEquals(List.of(TableKind.RAW, TableKind.MANGLE, TableKind.NAT), engine.tablesAt(Hook.PREROUTING));
        assertEquals(List.of(TableKind.MANGLE, TableKind.FILTER, TableKind.SECURITY, TableKind.NAT),
                engine.tablesAt(Hook.INPUT));
        assertEquals(List.of(TableKind.MANGLE, TableKind.NAT), engine.tablesAt(Hook.POSTROUTING));
    }
}
