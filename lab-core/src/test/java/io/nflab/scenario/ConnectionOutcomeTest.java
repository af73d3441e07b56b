package io.nflab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.socket.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every final outcome of a client program has its scenario word; a pending one has none. */
class ConnectionOutcomeTest {

    @Test
    void everyFinalOutcomeMaps() {
        assertEquals(Optional.of(ConnectionOutcome.ESTABLISHED), ConnectionOutcome.of(Outcome.ESTABLISHED));
        assertEquals(Optional.of(ConnectionOutcome.REFUSED), ConnectionOutcome.of(Outcome.REFUSED));
        assertEquals(Optional.of(ConnectionOutcome.UNREACHABLE), ConnectionOutcome.of(Outcome.UNREACHABLE));
        assertEquals(Optional.of(ConnectionOutcome.TIMEOUT), ConnectionOutcome.of(Outcome.TIMED_OUT));
        assertEquals(Optional.of(ConnectionOutcome.RESET), ConnectionOutcome.of(Outcome.RESET));
        assertEquals(Optional.empty(), ConnectionOutcome.of(Outcome.PENDING));
    }

    @Test
    void resetIsAScenarioWord() {
        assertEquals("reset", ConnectionOutcome.RESET.keyword());
    }
}
