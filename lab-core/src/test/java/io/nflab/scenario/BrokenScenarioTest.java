package io.nflab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.diagnostics.Diagnostic;
import io.nflab.diagnostics.ValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every class of scenario error, each from a real file under broken/lab/scenarios/ (its comment explains the case). */
class BrokenScenarioTest {
    private static final String LAB = "src/test/resources/broken/lab";
    private static final String DIR = LAB + "/scenarios/";

    private static List<String> problems(Executable load) {
        ValidationException e = assertThrows(ValidationException.class, load);
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    private static List<String> undefinedNames() {
        return List.of(
                DIR + "undefined-names.yaml:4:19: undefined node `clinet'; the nodes are: client, gw, web",
                DIR + "undefined-names.yaml:7:42: node `web' has no interface `eth1'; its interfaces are: eth0",
                DIR + "undefined-names.yaml:8:35: undefined segment `wan'; the segments are: internet, lan",
                DIR + "undefined-names.yaml:9:52: node `gw' has no interface `eth2'; its interfaces are: eth0, eth1",
                DIR + "undefined-names.yaml:10:26: undefined node `router'; the nodes are: client, gw, web");
    }

    private static List<String> stepErrors() {
        return List.of(
                DIR + "step-errors.yaml:5:5: step 1 has no action; expected one of: send, connect, ping, traceroute,"
                        + " iptables, iptables-save, conntrack, ip, fault, clock",
                DIR + "step-errors.yaml:7:5: step 2 has two actions, `ping' and `send'; give each its own step",
                DIR + "step-errors.yaml:8:5: unknown key `sned' in step 3; expected one of: name, send, connect, ping,"
                        + " traceroute, iptables, iptables-save, conntrack, ip, fault, clock, expect (did you mean `send'?)",
                DIR + "step-errors.yaml:10:15: `connection' needs a `connect' step, not `send'",
                DIR + "step-errors.yaml:11:23: expected a duration like 30s, 5m or 1h30m for `advance', found `5x'",
                DIR + "step-errors.yaml:12:65: unterminated ' quote in `-A INPUT -m comment --comment 'open -j ACCEPT'",
                DIR + "step-errors.yaml:13:34: expected ADDRESS:PORT like 203.0.113.1:80 for `to', found `203.0.113.1'",
                DIR + "step-errors.yaml:16:17: `output' takes exactly one of: equals, contains",
                DIR + "step-errors.yaml:17:19: `counters' needs `packets', `bytes' or both",
                DIR + "step-errors.yaml:17:51: expected a rule number (1, 2, …) or policy for `rule', found `first'",
                DIR + "step-errors.yaml:18:9: missing required key `command' in `ip' of step 9");
    }

    private static List<String> missingTopology() {
        return List.of(DIR + "missing-topology.yaml:3:11: cannot read topology " + Path.of(LAB, "nowhere.yaml")
                + ": no such file");
    }

    private static List<String> unparsablePacket() {
        return List.of(
                DIR + "unparsable-packet.yaml:5:76: packet text: unexpected \"flgs\" at column 40, expected one of:"
                        + " flags, seq, ack, win, urg, opts, ttl, tos, ipid, df, mf, frag, ipopts, len, data",
                DIR + "unparsable-packet.yaml:8:39: packet text: unexpected \"203.0.113.1\" at column 24,"
                        + " expected the destination ADDRESS:PORT",
                DIR + "unparsable-packet.yaml:9:84: packet text: unexpected \"70000\" at column 48,"
                        + " expected an identifier (a number 0-65535)");
    }

    @Test
    void unparsablePacketTextPointsAtTheOffendingWord() {
        assertEquals(unparsablePacket(), problems(() -> ScenarioLoader.load(Path.of(DIR + "unparsable-packet.yaml"))));
    }

    @Test
    void undefinedNodesInterfacesAndSegments() {
        assertEquals(undefinedNames(), problems(() -> ScenarioLoader.load(Path.of(DIR + "undefined-names.yaml"))));
    }

    @Test
    void mistakesInSteps() {
        assertEquals(stepErrors(), problems(() -> ScenarioLoader.load(Path.of(DIR + "step-errors.yaml"))));
    }

    @Test
    void missingTopologyPointsAtTheTopologyValue() {
        assertEquals(missingTopology(), problems(() -> ScenarioLoader.load(Path.of(DIR + "missing-topology.yaml"))));
    }

    @Test
    void aLabReportsTheProblemsOfAllItsFilesInFileOrder() {
        List<String> expected = new ArrayList<>(missingTopology());
        expected.addAll(stepErrors());
        expected.addAll(undefinedNames());
        expected.addAll(unparsablePacket());
        assertEquals(expected, problems(() -> LabLoader.load(Path.of(LAB))));
    }
}
