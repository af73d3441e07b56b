package io.nflab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.typed.ActorSystem;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import akka.serialization.jackson.JacksonCborSerializer;

/** Sends a message through the serializer Akka would use between cluster members, and back. */
public final class SerializationRoundTrip {
    private SerializationRoundTrip() {
    }

    /** Asserts {@code message} is bound to Jackson CBOR and survives serialization unchanged; returns the copy. */
    public static <T> T roundTrip(ActorSystem<?> system, T message) {
        Serialization serialization = SerializationExtension.get(system);
        akka.serialization.Serializer serializer = serialization.findSerializerFor(message);
        assertEquals(JacksonCborSerializer.class, serializer.getClass(),
                message.getClass().getName() + " must be bound to jackson-cbor");
        byte[] bytes = serialization.serialize(message).get();
        String manifest = Serializers.manifestFor(serializer, message);
        Object copy = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
        assertEquals(message, copy, "round trip of " + message.getClass().getName());
        @SuppressWarnings("unchecked")
        T typed = (T) copy;
        return typed;
    }
}
