package io.nflab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.app.DnsMessage;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.packet.Bytes;
import io.nflab.scenario.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each action is one LabSession call with the documented arguments; every step runs, failed or not. */
class ReplayerTest {
    private static final Activity QUIET = new Activity(0, 0, "", "", 0, Optional.empty(), List.of(), List.of());

    @TempDir
    Path directory;

    @Test
    void everyActionIsOneSessionCall() {
        Scenario scenario = ScenarioText.scenario(directory, "all-actions",
                "- send: { from: client, packet: \"tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S\" }",
                "- connect: { from: client, to: \"203.0.113.1:80\" }",
                "- connect: { from: client, to: \"192.168.1.2:7\", proto: udp }",
                "- connect: { from: client, to: \"192.168.1.2:53\", proto: udp }",
                "- ping: { from: client, to: 192.168.1.2, count: 3 }",
                "- traceroute: { from: client, to: 192.168.1.2, max-hops: 5 }",
                "- iptables: { on: gw, command: \"-A INPUT -m comment --comment 'two words' -j ACCEPT\" }",
                "- iptables-save: { on: gw, command: \"-c\" }",
                "- conntrack: { on: gw }",
                "- clock: { advance: 1m30s }",
                "- fault: { type: link-down, node: gw, interface: eth1 }",
                "- fault: { type: loss, segment: lan, percent: 12.5 }");
        ScriptedLab lab = new ScriptedLab(scenario.topology(), line -> QUIET);
        ScenarioResult result = new Replayer(t -> lab, Clock.systemUTC()).replay(scenario);
        assertEquals(List.of(
                "send client tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S",
                "command client connect 203.0.113.1 80",
                "command client nc -u 192.168.1.2 7 <<< nflab",
                "command client nc -u 192.168.1.2 53 <<< " + ActionCalls.dnsQuery().strip(),
                "command client ping -c 3 192.168.1.2",
                "command client traceroute -n -m 5 192.168.1.2",
                "command gw iptables -A INPUT -m comment --comment two words -j ACCEPT",
                "command gw iptables-save -c",
                "command gw conntrack -L",
                "advance 90000000000",
                "fault Link[node=gw, iface=eth1, up=false]",
                "fault Loss[segment=lan, percent=12.5]",
                "snapshot"), lab.calls());
        assertTrue(lab.closed(), "the replay closes the lab it started");
        assertEquals(StepResult.Status.PASSED, result.status());
        assertEquals(List.of(
                "client: send tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S",
                "client: connect 203.0.113.1 80",
                "client: nc -u 192.168.1.2 7",
                "client: nc -u 192.168.1.2 53",
                "client: ping -c 3 192.168.1.2",
                "client: traceroute -n -m 5 192.168.1.2",
                "gw: iptables -A INPUT -m comment --comment 'two words' -j ACCEPT",
                "gw: iptables-save -c",
                "gw: conntrack -L",
                "clock: advance 1m30s",
                "fault: link-down gw eth1",
                "fault: loss lan 12.5%"), result.steps().stream().map(StepResult::title).toList());
    }

    @Test
    void aUdpConnectToPort53AsksADnsQuestion() {
        DnsMessage query = DnsMessage.decode(Bytes.ofLatin1(ActionCalls.dnsQuery()));
        assertFalse(query.isResponse());
        assertEquals(ActionCalls.DNS_QUERY_NAME, query.questions().get(0).name());
        assertEquals(DnsMessage.TYPE_A, query.questions().get(0).type());
    }

    @Test
    void aFailedStepDoesNotStopTheReplay() {
        Scenario scenario = ScenarioText.scenario(directory, "two",
                "- iptables: { on: gw, command: \"-S\" }\n    expect: { exit: 1 }",
                "- conntrack: { on: gw }\n    expect: { exit: 0 }");
        ScriptedLab lab = new ScriptedLab(scenario.topology(), line -> QUIET);
        ScenarioResult result = new Replayer(t -> lab, Clock.systemUTC()).replay(scenario);
        assertEquals(List.of(StepResult.Status.FAILED, StepResult.Status.PASSED),
                result.steps().stream().map(StepResult::status).toList());
        assertEquals(StepResult.Status.FAILED, result.status());
    }

    @Test
    void whatTheLabRefusesIsAnErrorOfThatStep() {
        Scenario scenario = ScenarioText.scenario(directory, "refused",
                "- conntrack: { on: gw }", "- iptables: { on: gw, command: \"-S\" }");
        ScriptedLab lab = new ScriptedLab(scenario.topology(), line -> {
            if (line.contains("conntrack")) {
                throw new UserInputException("no node `gw' in this lab");
            }
            return QUIET;
        });
        ScenarioResult result = new Replayer(t -> lab, Clock.systemUTC()).replay(scenario);
        assertEquals(List.of(StepResult.Status.ERROR, StepResult.Status.PASSED),
                result.steps().stream().map(StepResult::status).toList());
        assertEquals(Optional.of("no node `gw' in this lab"), result.steps().get(0).error());
        assertEquals(StepResult.Status.ERROR, result.status());
        ReplayResult replay = new ReplayResult(List.of(result), result.startedAt(), result.wallTime());
        assertTrue(HumanReport.of(replay).contains("  ! 1. gw: conntrack -L  (" + result.steps().get(0).step().location()
                + ")\n      the lab could not run the step: no node `gw' in this lab\n"), HumanReport.of(replay));
        assertTrue(JunitReport.text(replay).contains(
                "<error message=\"no node `gw' in this lab\" type=\"bad input\">"), JunitReport.text(replay));
        assertEquals("error", JsonReport.of(replay).at("/scenarios/0/steps/0/result").asText());
        assertTrue(JsonReport.of(replay).at("/scenarios/0/steps/0/exitCode").isNull());
    }
}
