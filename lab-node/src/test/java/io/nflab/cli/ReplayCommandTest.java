package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code nflab replay}: exit 0 when every expectation holds, 1 when one fails, 2 for bad input. */
class ReplayCommandTest {
    private static final Path REPOSITORY = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY));
    private static final Path PORT_FORWARD = REPOSITORY.resolve("topologies/port-forward");

    @TempDir
    Path directory;

    private Path scenario(String name, String steps) throws IOException {
        Path file = directory.resolve(name + ".yaml");
        Files.writeString(file, "topology: " + PORT_FORWARD.resolve("topology.yaml") + "\nsteps:\n" + steps);
        return file;
    }

    @Test
    void aLabByNameWhoseScenariosPassExits0AndWritesBothReports() throws Exception {
        Path json = directory.resolve("report.json");
        Path junit = directory.resolve("junit.xml");
        CliRunner result = CliRunner.run("replay", "port-forward", "--report-json", json.toString(),
                "--junit", junit.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.out() + result.err());
        assertEquals("", result.err());
        assertTrue(result.out().startsWith("scenario "), result.out());
        assertTrue(result.out().contains("\nscenario port-forward ("), result.out());
        assertTrue(result.out().contains("  ✓ 1. the SYN to the public port arrives at the web server, DNATed to 8080  ("),
                result.out());
        assertFalse(result.out().contains("✗"), result.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("passed", report.get("result").asText());
        int steps = 0;
        JsonNode portForward = null;
        for (JsonNode scenario : report.get("scenarios")) {
            steps += scenario.get("steps").size();
            if (scenario.get("name").asText().equals("port-forward")) {
                portForward = scenario;
            }
        }
        assertNotNull(portForward, "the lab's port-forward scenario is in the report");
        assertEquals(7, portForward.at("/steps").size());
        assertTrue(portForward.at("/final/nodes/gw/iptablesSave").asText().contains("*nat\n"));
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(Integer.toString(steps), xml.getDocumentElement().getAttribute("tests"));
        assertEquals("0", xml.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void aFailedExpectationExits1AndExplainsIt() throws Exception {
        Path file = scenario("wrong", """
                  - name: the LAN answers directly (it does not)
                    send: { from: client, packet: "tcp 203.0.113.10:40001 > 192.168.1.2:22 flags S" }
                    expect: { delivered: { node: web } }
                  - conntrack: { on: gw }
                    expect: { exit: 0 }
                """);
        Path junit = directory.resolve("junit.xml");
        CliRunner result = CliRunner.run("replay", file.toString(), "--junit", junit.toString());
        assertEquals(ExitCodes.CHECK_FAILED, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("  ✗ 1. the LAN answers directly (it does not)  (" + file + ":3:5)\n"
                + "      expected delivered on web\n"
                + "        no packet of the step was delivered on web\n"), result.out());
        assertTrue(result.out().contains("dropped on gw by filter FORWARD policy DROP"), result.out());
        assertTrue(result.out().contains("      trace of packet "), result.out());
        assertTrue(result.out().contains("  ✓ 2. gw: conntrack -L  ("), result.out());
        assertTrue(result.out().endsWith("1 scenario, 2 steps: 1 passed, 1 failed\n"), result.out());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void aBrokenScenarioExits2WithFileLineColumnAndReplaysNothing() throws Exception {
        Path file = scenario("broken", """
                  - send: { from: clinet, packet: "tcp 203.0.113.10:1 > 203.0.113.1:80 flags S" }
                """);
        CliRunner result = CliRunner.run("replay", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith(file + ":3:19: undefined node `clinet'"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aBrokenLabExits2() {
        Path lab = REPOSITORY.resolve("lab-core/src/test/resources/broken/lab");
        CliRunner result = CliRunner.run("replay", lab.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertTrue(result.err().startsWith(lab.resolve("scenarios/missing-topology.yaml") + ":3:11: cannot read topology"),
                result.err());
    }

    @Test
    void aTopologyIsNotAScenario() {
        CliRunner result = CliRunner.run("replay", PORT_FORWARD.resolve("topology.yaml").toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals(PORT_FORWARD.resolve("topology.yaml") + " is not a scenario (it has no `steps'); give a scenario"
                + " file, a lab folder or a lab name\n", result.err());
    }

    @Test
    void aReportThatCouldNotBeWrittenExits2BeforeReplayingAnything() {
        Path nowhere = directory.resolve("no-such-folder/report.json");
        CliRunner result = CliRunner.run("replay", "port-forward", "--report-json", nowhere.toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertEquals("", result.out(), "nothing replayed");
        assertEquals("cannot write " + nowhere + ": no such folder " + nowhere.getParent() + "\n", result.err());
        CliRunner folder = CliRunner.run("replay", "port-forward", "--junit", directory.toString());
        assertEquals(ExitCodes.BAD_INPUT, folder.exitCode());
        assertEquals("cannot write " + directory + ": it is a folder\n", folder.err());
    }

    @Test
    void nothingThereAndNoArgumentsExit2() {
        assertEquals(ExitCodes.BAD_INPUT, CliRunner.run("replay", "no-such-lab").exitCode());
        CliRunner none = CliRunner.run("replay");
        assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
        assertTrue(none.err().startsWith("Missing required parameter: 'SCENARIO'"), none.err());
        CliRunner steam = CliRunner.run("replay", "port-forward", "--engine", "steam");
        assertEquals(ExitCodes.BAD_INPUT, steam.exitCode());
        assertTrue(steam.err().startsWith("Invalid value for option '--engine': no engine `steam'; the engines are: actors, local"),
                steam.err());
    }
}
