package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.scenario.LabLoader;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lab in {@code topologies/} (the default one, dmz-three-zone, among them once it exists) starts with
 * {@code nflab run NAME} and answers on every node's console.
 */
class RunEveryLabTest {
    private static final Path TOPOLOGIES = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY), "topologies");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyLabRunsAndEveryNodeAnswers() throws IOException {
        List<Path> labs;
        try (Stream<Path> entries = Files.list(TOPOLOGIES)) {
            labs = entries.filter(lab -> Files.isRegularFile(lab.resolve(LabLoader.TOPOLOGY_FILE))).sorted().toList();
        }
        assertFalse(labs.isEmpty(), "topologies/ holds labs");
        return labs.stream().map(lab -> DynamicTest.dynamicTest(lab.getFileName().toString(), () -> runs(lab)));
    }

    private void runs(Path lab) throws IOException {
        Topology topology = TopologyLoader.load(lab.resolve(LabLoader.TOPOLOGY_FILE));
        StringBuilder script = new StringBuilder("nodes\n");
        for (NodeSpec node : topology.nodes()) {
            script.append(node.name()).append(" iptables-save\n").append(node.name()).append(" ip route\n");
        }
        Path file = dir.resolve(topology.name() + ".nfl");
        Files.writeString(file, script);
        CliRunner run = CliRunner.run("run", lab.getFileName().toString(), "--script", file.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        for (NodeSpec node : topology.nodes()) {
            assertTrue(run.out().contains(topology.name() + " 0.000s> " + node.name() + " iptables-save\n"), run.out());
        }
    }
}
