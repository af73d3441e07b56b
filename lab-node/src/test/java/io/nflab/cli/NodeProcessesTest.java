package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nflab.cluster.HostPort;
import io.nflab.cluster.MemberSettings;
import io.nflab.lab.Activity;
import io.nflab.lab.LabEvent;
import io.nflab.replay.JsonReport;
import io.nflab.runtime.ActorLab;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Placement;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real {@code nflab node} processes on loopback and a replay that joins them with {@code --seed}: the
 * report is the one a replay on its own one-member cluster writes; then a lab survives the crash of one of
 * them. The processes are always killed.
 */
class NodeProcessesTest {
    private static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";
    private static final Path SCENARIO = Path.of(System.getProperty("nflab.repo", ".."),
            "topologies/port-forward/scenarios/port-forward.yaml");

    @Test
    void aScenarioReplaysAcrossThreeNodeProcesses(@TempDir Path dir) throws Exception {
        List<Integer> ports = freePorts(3);
        List<Process> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(node(i, ports.get(i), ports.get(0), dir.resolve("node" + i + ".log")));
            }
            for (int i = 0; i < 3; i++) {
                awaitLine(dir.resolve("node" + i + ".log"), " is up", nodes.get(i));
            }
            Path across = dir.resolve("across.json");
            CliRunner replay = CliRunner.run("replay", SCENARIO.toString(), "--seed", "127.0.0.1:" + ports.get(0),
                    "--report-json", across.toString());
            assertEquals(0, replay.exitCode(), replay.out() + replay.err());

            Path alone = dir.resolve("alone.json");
            assertEquals(0, CliRunner.run("replay", SCENARIO.toString(), "--report-json", alone.toString()).exitCode());
            assertEquals(withoutWallClock(alone), withoutWallClock(across));

            String firstLog = Files.readString(dir.resolve("node0.log"), StandardCharsets.UTF_8);
            assertTrue(firstLog.contains("to [Up]"), "membership changes are logged at INFO:\n" + firstLog);

            aLabSurvivesTheCrashOfAMember(ports, nodes.get(2));
        } finally {
            for (Process node : nodes) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A lab whose gateway is placed on the third process (role p2), which is then killed (SIGKILL): the Split
     * Brain Resolver downs it, the gateway boots again on a survivor with fresh state, the lab goes on.
     */
    private static void aLabSurvivesTheCrashOfAMember(List<Integer> ports, Process third) throws Exception {
        Topology topology = TopologyLoader.load(SCENARIO.getParent().resolveSibling("topology.yaml"));
        topology = new Topology(topology.name(), topology.description(), topology.segments(),
                topology.nodes().stream().map(node -> !node.name().equals("gw") ? node : new NodeSpec(node.name(),
                        node.kind(), node.interfaces(), node.routes(), node.ruleset(), node.sysctls(),
                        node.services(), Optional.of(new Placement("p2")))).toList());
        MemberSettings member = new MemberSettings(Optional.empty(), List.of(new HostPort("127.0.0.1", ports.get(0))),
                List.of(), Optional.empty());
        try (ActorLab lab = ActorLab.start(topology, member)) {
            assertEquals(0, lab.command("client", List.of("connect", "203.0.113.1", "80"), REQUEST).exitCode());
            assertTrue(lab.snapshot().nodes().get("gw").conntrack().contains("tcp"), "gw tracks the connection");
            third.destroyForcibly();
            List<LabEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) {
                events.addAll(lab.advance(0).events());
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            assertTrue(events.stream().anyMatch(e -> e.text().startsWith("gw restarted with fresh state: its cluster "
                    + "member 127.0.0.1:" + ports.get(2) + " is gone")), events.toString());
            String conntrack = lab.snapshot().nodes().get("gw").conntrack();
            assertFalse(conntrack.contains("tcp"), "a fresh conntrack table:\n" + conntrack);
            Activity after = lab.command("client", List.of("connect", "203.0.113.1", "80"), REQUEST);
            assertEquals(0, after.exitCode(), after.stderr());
        }
    }

    /**
     * {@code nflab node} in a JVM of its own, on this test's classpath, with role pINDEX, its output in
     * {@code log}; its configuration file notices a crashed member in about two seconds.
     */
    private static Process node(int index, int port, int seed, Path log) throws IOException {
        Path config = log.resolveSibling("node" + index + ".conf");
        Files.writeString(config, String.join("\n",
                "akka.cluster.failure-detector.heartbeat-interval = 200ms",
                "akka.cluster.failure-detector.acceptable-heartbeat-pause = 1s",
                "akka.cluster.split-brain-resolver.stable-after = 1s", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), NflabCommand.class.getName(),
                "node", "--bind", "127.0.0.1:" + port, "--seed", "127.0.0.1:" + seed, "--role", "p" + index,
                "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitLine(Path log, String text, Process process) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(log) || !Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("nflab node did not come up:\n"
                        + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : ""));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static JsonNode withoutWallClock(Path report) throws IOException {
        JsonNode tree = new ObjectMapper().readTree(report.toFile());
        strip(tree);
        return tree;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(JsonReport.WALL_CLOCK);
        }
        node.forEach(NodeProcessesTest::strip);
    }
}
