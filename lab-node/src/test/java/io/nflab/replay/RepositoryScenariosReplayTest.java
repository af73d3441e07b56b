package io.nflab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nflab.lab.LabSession;
import io.nflab.scenario.LabLoader;
import io.nflab.topology.Topology;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every scenario of every lab under {@code topologies/} (new labs are picked up as they are added)
 * on both runtimes, LocalLab and ActorLab, and requires each to pass; a failure shows the replay's own
 * explanation and traces.
 */
class RepositoryScenariosReplayTest {
    private static Engines engines;

    @BeforeAll
    static void start() {
        engines = new Engines();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioOfEveryLabPasses() {
        List<Path> labs = RepositoryScenarios.labs();
        assertFalse(labs.isEmpty(), "no labs in " + RepositoryScenarios.TOPOLOGIES);
        Map<String, Function<Topology, LabSession>> runtimes = Map.of("local", engines.local(), "actors", engines.actors());
        return Stream.of("local", "actors").flatMap(runtime -> labs.stream()
                .flatMap(lab -> LabLoader.load(lab).scenarios().stream()
                        .map(scenario -> DynamicTest.dynamicTest(runtime + ": " + lab.getFileName() + "/" + scenario.name(),
                                () -> {
                                    ReplayResult result = new Replayer(runtimes.get(runtime), Clock.systemUTC())
                                            .replay(List.of(scenario));
                                    assertEquals(StepResult.Status.PASSED, result.status(), () -> HumanReport.of(result));
                                }))));
    }
}
