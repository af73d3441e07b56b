package io.nflab.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nflab.lab.LabSession;
import io.nflab.scenario.Scenario;
import io.nflab.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replaying the same scenarios twice gives the same reports, apart from the wall-clock fields: the JSON
 * report's {@code wallClock} objects and JUnit's {@code time} and {@code timestamp} attributes. The
 * replays run with wall clocks a day apart, so the wall-clock fields do differ; and the two runtimes,
 * LocalLab and ActorLab, give the same reports too.
 */
class DeterminismTest {
    private static final Instant DAY_ONE = Instant.parse("2026-11-25T10:00:00Z");
    private static Engines engines;

    @BeforeAll
    static void start() {
        engines = new Engines();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    /** A replay on a wall clock that ticks as the real one does, but from {@code start}. */
    private static ReplayResult replay(Function<Topology, LabSession> labs, List<Scenario> scenarios, Instant start) {
        Clock system = Clock.systemUTC();
        return new Replayer(labs, Clock.offset(system, Duration.between(system.instant(), start))).replay(scenarios);
    }

    @Test
    void twoReplaysOfEveryRepositoryScenarioGiveTheSameReports() {
        assertSameReports(engines.local(), engines.local());
    }

    @Test
    void theActorRuntimeGivesTheSameReportsAsTheLocalOne() {
        assertSameReports(engines.local(), engines.actors());
    }

    private static void assertSameReports(Function<Topology, LabSession> one, Function<Topology, LabSession> other) {
        List<Scenario> scenarios = RepositoryScenarios.all();
        assertFalse(scenarios.isEmpty());
        ReplayResult first = replay(one, scenarios, DAY_ONE);
        ReplayResult second = replay(other, scenarios, DAY_ONE.plus(Duration.ofDays(1)));

        ObjectNode firstJson = JsonReport.of(first);
        ObjectNode secondJson = JsonReport.of(second);
        assertNotEquals(firstJson, secondJson, "the wall-clock fields differ");
        assertEquals(withoutWallClock(firstJson), withoutWallClock(secondJson));
        assertTrue(firstJson.toString().contains("\"packets\":[{"), "the replays did put packets on the way");

        assertEquals(HumanReport.of(first), HumanReport.of(second));

        String firstXml = JunitReport.text(first);
        String secondXml = JunitReport.text(second);
        assertNotEquals(firstXml, secondXml, "the timestamps differ");
        assertEquals(withoutTimes(firstXml), withoutTimes(secondXml));
    }

    /** The tree without its {@link JsonReport#WALL_CLOCK} objects, wherever they are. */
    private static JsonNode withoutWallClock(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(JsonReport.WALL_CLOCK);
        }
        node.forEach(DeterminismTest::strip);
    }

    private static String withoutTimes(String xml) {
        return xml.replaceAll(" (time|timestamp)=\"[^\"]*\"", "");
    }
}
