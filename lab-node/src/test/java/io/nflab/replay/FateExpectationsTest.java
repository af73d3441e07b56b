package io.nflab.replay;

import static io.nflab.replay.ScenarioText.expectation;
import static io.nflab.replay.Stories.activity;
import static io.nflab.replay.Stories.delivered;
import static io.nflab.replay.Stories.droppedBecause;
import static io.nflab.replay.Stories.droppedByPolicy;
import static io.nflab.replay.Stories.droppedByRule;
import static io.nflab.replay.Stories.rejected;
import static io.nflab.replay.Stories.story;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.lab.Activity;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.scenario.Expectation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** delivered, dropped and rejected against hand-built packet fates: each holds or fails with an explanation. */
class FateExpectationsTest {
    private static final String SYN = "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ttl 64";
    private static final String DNATED = "tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63";
    private static final String TO_SSH = "tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S";
    private static final String SEND = "send: { from: client, packet: \"" + SYN + "\" }";
    private static final ExpectationEvaluator.NodeCommands NO_COMMANDS = (node, argv) -> {
        throw new AssertionError("fate expectations run no command");
    };

    private static ExpectationResult evaluate(String expect, Activity activity) {
        Expectation expectation = expectation("{ " + SEND + ", expect: " + expect + " }");
        return ExpectationEvaluator.evaluate(expectation, activity, NO_COMMANDS);
    }

    private static final Activity FORWARDED = activity(story(1, 0, "client", SYN, delivered("web", "eth0", DNATED)));

    @Test
    void deliveredWithTheHeadersAsTheyArrived() {
        ExpectationResult result = evaluate("{ delivered: { node: web, interface: eth0, src: 203.0.113.10, sport: 40000,"
                + " dst: 192.168.1.2, dport: 8080, proto: tcp, flags: S, ttl: 63, tos: 0 } }", FORWARDED);
        assertTrue(result.held(), result.explanation());
        assertEquals("packet 1 delivered on web eth0 as " + DNATED, result.explanation());
        assertEquals(List.of(1L), result.relevantPackets());
    }

    @Test
    void deliveredWithOtherHeadersNamesEachDifference() {
        ExpectationResult result = evaluate("{ delivered: { node: web, dport: 80, ttl: 64,"
                + " icmp-type: echo-request } }", FORWARDED);
        assertFalse(result.held());
        assertEquals("packet 1 delivered on web eth0 as " + DNATED + ", but"
                + " dport 8080, expected 80, ttl 63, expected 64, no icmp-type (a tcp packet), expected echo-request\n"
                + "instead:\n"
                + "  packet 1 (" + Stories.packet(SYN) + ", from client): delivered on web eth0 as " + DNATED,
                result.explanation());
        assertEquals(List.of(1L), result.relevantPackets());
    }

    @Test
    void deliveredOnAnotherInterface() {
        Activity toGateway = activity(story(1, 0, "client", SYN, delivered("gw", "eth0", SYN)));
        assertTrue(evaluate("{ delivered: { node: gw, interface: eth0, dst: 203.0.113.1 } }", toGateway).held());
        ExpectationResult result = evaluate("{ delivered: { node: gw, interface: eth1 } }", toGateway);
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith("packet 1 delivered on gw eth0"
                + ", but interface eth0, expected eth1\n"), result.explanation());
    }

    @Test
    void deliveredButDroppedOnTheWaySaysWhere() {
        Activity dropped = activity(story(4, 0, "client", TO_SSH,
                droppedByPolicy("gw", Hook.FORWARD, "FORWARD", 2, TO_SSH)));
        ExpectationResult result = evaluate("{ delivered: { node: web } }", dropped);
        assertFalse(result.held());
        assertEquals("no packet of the step was delivered on web\ninstead:\n"
                + "  packet 4 (" + TO_SSH + ", from client): dropped on gw by filter FORWARD policy DROP",
                result.explanation());
        assertEquals(List.of(4L), result.relevantPackets(), "nothing reached web: every packet of the step is relevant");
    }

    @Test
    void aStepWithoutPacketsFailsEveryFateExpectation() {
        ExpectationResult result = evaluate("{ dropped: { node: gw } }", activity());
        assertFalse(result.held());
        assertEquals("the step put no packet on the way", result.explanation());
    }

    @Test
    void droppedByThePolicy() {
        Activity dropped = activity(story(4, 0, "client", TO_SSH,
                droppedByPolicy("gw", Hook.FORWARD, "FORWARD", 2, TO_SSH)));
        assertTrue(evaluate("{ dropped: { node: gw, table: filter, chain: FORWARD, rule: policy } }", dropped).held());
        assertTrue(evaluate("{ dropped: { node: gw } }", dropped).held());
        ExpectationResult rule = evaluate("{ dropped: { node: gw, chain: FORWARD, rule: 2 } }", dropped);
        assertFalse(rule.held());
        assertTrue(rule.explanation().startsWith(
                "packet 4 dropped on gw by filter FORWARD policy DROP, expected rule 2\n"), rule.explanation());
    }

    @Test
    void droppedByARuleInAnotherTable() {
        Activity dropped = activity(story(2, 0, "client", SYN,
                droppedByRule("gw", Hook.PREROUTING, TableKind.RAW, "PREROUTING", 3, SYN)));
        assertTrue(evaluate("{ dropped: { node: gw, table: raw, chain: PREROUTING, rule: 3 } }", dropped).held());
        ExpectationResult result = evaluate("{ dropped: { node: gw, table: filter, chain: INPUT } }", dropped);
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith("packet 2 dropped on gw by raw PREROUTING rule 3,"
                + " expected table filter, chain INPUT\n"), result.explanation());
    }

    @Test
    void droppedOutsideNetfilter() {
        Activity noRoute = activity(story(1, 0, "client", SYN, droppedBecause("gw", "no route", SYN)));
        assertTrue(evaluate("{ dropped: { node: gw } }", noRoute).held());
        ExpectationResult result = evaluate("{ dropped: { node: gw, chain: FORWARD } }", noRoute);
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith("packet 1 dropped on gw: no route, not by netfilter\n"),
                result.explanation());
    }

    @Test
    void droppedOnAnotherNode() {
        Activity onClient = activity(story(1, 0, "client", SYN, droppedBecause("client", "no route", SYN)));
        ExpectationResult result = evaluate("{ dropped: { node: gw } }", onClient);
        assertFalse(result.held());
        assertEquals("no packet of the step was dropped on gw\ninstead:\n"
                + "  packet 1 (" + Stories.packet(SYN) + ", from client): dropped on client: no route", result.explanation());
    }

    @Test
    void rejectedWithAReset() {
        String reset = "tcp 192.168.1.2:22 > 203.0.113.10:40001 flags RA";
        Activity activity = activity(
                story(1, 0, "client", TO_SSH, rejected("gw", "FORWARD", 3, TO_SSH, reset)),
                story(2, 1, "gw", reset, delivered("client", "eth0", reset)));
        assertTrue(evaluate("{ rejected: { node: gw, with: tcp-reset, chain: FORWARD, rule: 3 } }", activity).held());
        ExpectationResult wrong = evaluate("{ rejected: { node: gw, with: icmp-port-unreachable } }", activity);
        assertFalse(wrong.held());
        assertTrue(wrong.explanation().startsWith("packet 1 rejected on gw by filter FORWARD rule 3 with tcp-reset,"
                + " answered with " + reset + ", but expected icmp-port-unreachable\n"), wrong.explanation());
    }

    @Test
    void rejectedWithAnIcmpError() {
        String udp = "udp 203.0.113.10:5000 > 192.168.1.2:53";
        Ipv4Packet original = Stories.packet(udp);
        Ipv4Packet unreachable = Ipv4Packet.builder().source(original.destination()).destination(original.source())
                .transport(IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE, original))
                .build();
        Activity activity = activity(story(1, 0, "client", udp, rejected("gw", "FORWARD", 1, udp, unreachable.toString())));
        assertTrue(evaluate("{ rejected: { node: gw, with: icmp-port-unreachable } }", activity).held());
        ExpectationResult prohibited = evaluate("{ rejected: { node: gw, with: icmp-admin-prohibited } }", activity);
        assertFalse(prohibited.held());
        assertTrue(prohibited.explanation().contains(" with icmp-port-unreachable, answered with icmp "), prohibited.explanation());
    }

    @Test
    void aDropIsNotAReject() {
        Activity dropped = activity(story(4, 0, "client", TO_SSH,
                droppedByPolicy("gw", Hook.FORWARD, "FORWARD", 2, TO_SSH)));
        ExpectationResult result = evaluate("{ rejected: { node: gw } }", dropped);
        assertFalse(result.held());
        assertTrue(result.explanation().startsWith(
                "packet 4 dropped on gw by filter FORWARD policy DROP, not rejected\n"), result.explanation());
    }
}
