package io.nflab.replay;

import static io.nflab.replay.ScenarioText.expectation;
import static io.nflab.replay.ScenarioText.expectations;
import static io.nflab.replay.Stories.connection;
import static io.nflab.replay.Stories.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.scenario.Expectation;
import io.nflab.socket.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** output, stderr, exit and connection: each holds or fails with an explanation. */
class OutputExpectationsTest {
    private static final ExpectationEvaluator.NodeCommands NO_COMMANDS = (node, argv) -> {
        throw new AssertionError("these expectations run no command");
    };
    private static final String NAT_RULES = """
            -P PREROUTING ACCEPT
            -P INPUT ACCEPT
            -A PREROUTING -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080
            """;

    private static ExpectationResult onIptables(String expect, Activity activity) {
        return ExpectationEvaluator.evaluate(
                expectation("{ iptables: { on: gw, command: \"-t nat -S\" }, expect: " + expect + " }"), activity,
                NO_COMMANDS);
    }

    private static ExpectationResult onConnect(String outcome, Activity activity) {
        return ExpectationEvaluator.evaluate(expectation("{ connect: { from: client, to: \"203.0.113.1:80\" },"
                + " expect: { connection: " + outcome + " } }"), activity, NO_COMMANDS);
    }

    @Test
    void outputEqualsHoldsByteForByte() {
        Activity listed = output(0, NAT_RULES, "");
        assertTrue(onIptables("{ output: { equals: \"" + NAT_RULES.replace("\n", "\\n") + "\" } }", listed).held());
        ExpectationResult noNewline = onIptables("{ output: { equals: \""
                + NAT_RULES.strip().replace("\n", "\\n") + "\" } }", listed);
        assertFalse(noNewline.held());
        assertTrue(noNewline.explanation().startsWith(
                "output differs from the expected text in its final newline: expected none, found one;"),
                noNewline.explanation());
    }

    @Test
    void outputEqualsNamesTheFirstDifferentLine() {
        ExpectationResult result = onIptables("{ output: { equals: \"-P PREROUTING ACCEPT\\n-P INPUT DROP\\n\" } }",
                output(0, NAT_RULES, ""));
        assertFalse(result.held());
        assertEquals("output differs from the expected text at line 2: expected \"-P INPUT DROP\","
                + " found \"-P INPUT ACCEPT\"; it was:\n"
                + "  | -P PREROUTING ACCEPT\n"
                + "  | -P INPUT ACCEPT\n"
                + "  | -A PREROUTING -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080",
                result.explanation());
    }

    @Test
    void outputContains() {
        assertTrue(onIptables("{ output: { contains: \"--to-destination 192.168.1.2:8080\" } }",
                output(0, NAT_RULES, "")).held());
        ExpectationResult result = onIptables("{ output: { contains: \"MASQUERADE\" } }", output(0, "", ""));
        assertFalse(result.held());
        assertEquals("output does not contain \"MASQUERADE\"; it was empty", result.explanation());
    }

    @Test
    void stderrIsItsOwnStream() {
        Activity failed = output(1, "", "iptables: No chain/target/match by that name.\n");
        assertTrue(onIptables("{ stderr: { contains: \"No chain/target/match\" } }", failed).held());
        assertFalse(onIptables("{ output: { contains: \"No chain/target/match\" } }", failed).held());
    }

    @Test
    void exitStatus() {
        Activity failed = output(1, "", "iptables: No chain/target/match by that name.\n");
        assertTrue(onIptables("{ exit: 1 }", failed).held());
        ExpectationResult result = onIptables("{ exit: 0 }", failed);
        assertFalse(result.held());
        assertEquals("exit status 1, expected 0; stderr:\n  | iptables: No chain/target/match by that name.",
                result.explanation());
    }

    @Test
    void severalExpectationsOfOneStep() {
        List<Expectation> both = expectations("{ iptables: { on: gw, command: \"-t nat -S\" },"
                + " expect: [ { exit: 0 }, { output: { contains: DNAT } } ] }");
        Activity listed = output(0, NAT_RULES, "");
        assertEquals(2, both.size());
        both.forEach(e -> assertTrue(ExpectationEvaluator.evaluate(e, listed, NO_COMMANDS).held(), e::toString));
    }

    @Test
    void connectionOutcomes() {
        assertTrue(onConnect("established", connection(Outcome.ESTABLISHED, "")).held());
        assertTrue(onConnect("timeout", connection(Outcome.TIMED_OUT, "")).held());
        assertTrue(onConnect("reset", connection(Outcome.RESET, "")).held());
        ExpectationResult refused = onConnect("established", connection(Outcome.REFUSED,
                "nc: connect to 203.0.113.1 port 80 (tcp) failed: Connection refused\n",
                Stories.story(1, 0, "client", "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S")));
        assertFalse(refused.held());
        assertEquals("connection refused, expected established; the client said:\n"
                + "  | nc: connect to 203.0.113.1 port 80 (tcp) failed: Connection refused", refused.explanation());
        assertEquals(List.of(1L), refused.relevantPackets(), "the step's packets explain a connection's outcome");
    }

    @Test
    void aConnectionStillPendingOrMissingFails() {
        assertEquals("the connection was still pending when the client stopped, expected established",
                onConnect("established", connection(Outcome.PENDING, "")).explanation());
        assertEquals("the step ran no connecting client, so it has no connection outcome",
                onConnect("established", output(0, "", "")).explanation());
    }
}
