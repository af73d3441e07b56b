package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code nflab validate} on the real port-forward lab and on lab-core's broken examples. */
class ValidateCommandTest {
    private static final Path REPOSITORY = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY));
    private static final String PORT_FORWARD_ELEMENTS = """
              segment internet: client:eth0 203.0.113.10/24, gw:eth0 203.0.113.1/24
              segment lan: gw:eth1 192.168.1.1/24, web:eth0 192.168.1.2/24
              node client (host): eth0 203.0.113.10/24; 1 route
              node gw (gateway): eth0 203.0.113.1/24, eth1 192.168.1.1/24; ruleset gw.rules
              node web (host): eth0 192.168.1.2/24; 1 route; tcp/8080 http
            """;
    private static final String PORT_FORWARD_SUMMARY = "lab port-forward: 3 nodes, 2 segments, 4 interfaces, 1 ruleset, 5 scenarios\n"
            + PORT_FORWARD_ELEMENTS + """
              scenario from-gateway-pitfall: 3 steps
              scenario ip-forward-pitfall: 2 steps
              scenario no-forward-rule-pitfall: 7 steps
              scenario port-forward: 7 steps
              scenario udp-vs-tcp-pitfall: 1 step
            """;

    @Test
    void theRepositoryLabIsValid() {
        CliRunner result = CliRunner.run("validate", "topologies/port-forward");
        assertEquals("", result.err());
        assertEquals(ExitCodes.OK, result.exitCode());
        assertEquals(PORT_FORWARD_SUMMARY, result.out());
    }

    @Test
    void aLabByName() {
        CliRunner result = CliRunner.run("validate", "port-forward");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals(PORT_FORWARD_SUMMARY, result.out());
    }

    @Test
    void aTopologyFileAlone() {
        CliRunner result = CliRunner.run("validate", "topologies/port-forward/topology.yaml");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("lab port-forward: 3 nodes, 2 segments, 4 interfaces, 1 ruleset, 0 scenarios\n"),
                result.out());
    }

    @Test
    void aScenarioFileWithItsTopology() {
        CliRunner result = CliRunner.run("validate", "topologies/port-forward/scenarios/port-forward.yaml");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertEquals("lab port-forward: 3 nodes, 2 segments, 4 interfaces, 1 ruleset, 1 scenario\n" + PORT_FORWARD_ELEMENTS
                + "  scenario port-forward: 7 steps\n", result.out());
    }

    @Test
    void problemsGoToStderrOnePerLineAndExit2() {
        Path file = REPOSITORY.resolve("lab-core/src/test/resources/broken/topology/missing-required.yaml");
        CliRunner result = CliRunner.run("validate", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals("", result.out());
        assertEquals(file + ":7:5: missing required key `kind' in node `a'\n"
                + file + ":9:9: missing required key `segment' in interface `eth0' of node `a'\n", result.err());
    }

    @Test
    void aBrokenLabReportsEveryFile() {
        Path lab = REPOSITORY.resolve("lab-core/src/test/resources/broken/lab");
        CliRunner result = CliRunner.run("validate", lab.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertTrue(result.err().startsWith(lab.resolve("scenarios/missing-topology.yaml") + ":3:11: cannot read topology"),
                result.err());
        assertEquals(20, result.err().lines().count(), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void nothingThere() {
        CliRunner result = CliRunner.run("validate", "no-such-lab");
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals("no lab, topology or scenario `no-such-lab' (looked for no-such-lab, "
                + REPOSITORY.resolve("no-such-lab") + ", " + REPOSITORY.resolve("topologies/no-such-lab")
                + ", classpath:nflab/topologies/no-such-lab)\n", result.err());
    }
}
