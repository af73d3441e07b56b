package io.nflab.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nflab.scenario.Lab;
import io.nflab.scenario.Scenario;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of every lab in {@code topologies/}, played on fresh net stacks ({@link ScenarioDriver}):
 * each expectation must hold at stack level, pitfall scenarios included (they expect the failure).
 */
class SeedScenariosStackTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioOfEveryLabHoldsAtStackLevel() {
        List<String> labs = SeedLabs.names();
        assertFalse(labs.isEmpty(), "no labs under " + SeedLabs.topologies());
        return labs.stream().flatMap(name -> {
            Lab lab = SeedLabs.load(name);
            return lab.scenarios().stream().map(scenario -> DynamicTest.dynamicTest(name + "/" + scenario.name(),
                    () -> play(scenario)));
        });
    }

    private static void play(Scenario scenario) {
        List<String> failures = new ScenarioDriver(new TestLab(scenario.topology())).play(scenario);
        assertEquals("", String.join("\n", failures));
    }
}
