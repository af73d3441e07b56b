package io.nflab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nflab.lab.LocalLab;
import io.nflab.scenario.LabLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every scenario of every lab under {@code topologies/} (new labs are picked up as they are added)
 * and requires each to pass; a failure shows the replay's own explanation and traces.
 */
class RepositoryScenariosReplayTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioOfEveryLabPasses() {
        List<Path> labs = RepositoryScenarios.labs();
        assertFalse(labs.isEmpty(), "no labs in " + RepositoryScenarios.TOPOLOGIES);
        Replayer replayer = new Replayer(LocalLab::start, Clock.systemUTC());
        return labs.stream().flatMap(lab -> LabLoader.load(lab).scenarios().stream()
                .map(scenario -> DynamicTest.dynamicTest(lab.getFileName() + "/" + scenario.name(), () -> {
                    ReplayResult result = replayer.replay(List.of(scenario));
                    assertEquals(StepResult.Status.PASSED, result.status(), () -> HumanReport.of(result));
                })));
    }
}
