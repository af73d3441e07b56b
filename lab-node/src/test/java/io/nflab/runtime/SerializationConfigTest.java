package io.nflab.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.serialization.SerializationExtension;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The serialization set-up every message relies on: Jackson CBOR on, Java serialization off. */
class SerializationConfigTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    record Sample(String name, int count, List<String> words) implements NflabSerializable {
    }

    record NotMarked(String name) implements Serializable {
    }

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void testsRunWithSerializeMessagesOn() {
        assertTrue(testKit.system().settings().config().getBoolean("akka.actor.serialize-messages"));
    }

    @Test
    void markedMessagesRoundTripThroughJacksonCbor() {
        SerializationRoundTrip.roundTrip(testKit.system(), new Sample("gw", 3, List.of("eth0", "eth1")));
    }

    @Test
    void javaSerializationIsOff() {
        assertFalse(testKit.system().settings().config().getBoolean("akka.actor.allow-java-serialization"));
        var serialization = SerializationExtension.get(testKit.system());
        assertThrows(Exception.class, () -> serialization.serialize(new NotMarked("x")).get());
    }
}
