package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.netfilter.Netfilter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of the captured fixtures, run through {@link Iptables#execute}: stdout, stderr and
 * exit code must be byte for byte what the real iptables 1.8.9 printed.
 */
class IptablesFixtureTest {
    static final Clock EPOCH = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private static final List<String> FIXTURES = List.of("basics.fixture", "extensions.fixture");

    @TestFactory
    Stream<DynamicTest> scenariosBehaveLikeIptables() {
        return FIXTURES.stream()
                .map(Fixture::load)
                .flatMap(fixture -> fixture.scenarios().stream()
                        .map(scenario -> DynamicTest.dynamicTest(fixture.name() + ": " + scenario.name(),
                                () -> run(scenario))));
    }

    private static void run(Fixture.Scenario scenario) {
        Netfilter netfilter = Netfilter.empty();
        int index = 0;
        for (Fixture.Step step : scenario.steps()) {
            index++;
            CommandResult result = Iptables.execute(netfilter, step.argv(), step.stdin(), EPOCH);
            String where = "step " + index + ": " + step.commandLine();
            assertEquals(step.stdout(), result.stdout(), "stdout of " + where);
            assertEquals(step.stderr(), result.stderr(), "stderr of " + where);
            assertEquals(step.exitCode(), result.exitCode(), "exit code of " + where);
        }
    }
}
