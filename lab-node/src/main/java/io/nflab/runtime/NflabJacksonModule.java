package io.nflab.runtime;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.nflab.address.InterfaceAddress;
import io.nflab.address.MacAddress;
import io.nflab.routing.RouteSpec;
import io.nflab.routing.RuleSpec;
import io.nflab.lab.StoryNote;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.WireFormat;
import io.nflab.scenario.Fault;
import io.nflab.stack.Fate;
import java.io.IOException;
import java.util.function.Function;

/**
 * How lab-core values cross between actors (and cluster members) inside {@link NflabSerializable}
 * messages: packets and frames as their compact wire bytes ({@link WireFormat}), the sealed hierarchies
 * ({@link Fate}, {@link StoryNote}, {@link Fault}) with a type name, a topology's addresses and routes
 * as their text (a node's description travels to the member that boots it). Registered in {@code application.conf}
 * under {@code akka.serialization.jackson.jackson-modules}; lab-core itself stays free of Jackson
 * annotations.
 */
public final class NflabJacksonModule extends SimpleModule {

    public NflabJacksonModule() {
        super("nflab");
        bytes(Ipv4Packet.class, WireFormat::encode, WireFormat::decodeIpv4);
        bytes(EthernetFrame.class, WireFormat::encode, WireFormat::decodeEthernet);
        text(InterfaceAddress.class, InterfaceAddress::parse);
        text(RouteSpec.class, RouteSpec::parse);
        text(RuleSpec.class, RuleSpec::parse);
        text(MacAddress.class, MacAddress::parse);
        setMixInAnnotation(Ipv4Packet.class, BytesMixin.class);
        setMixInAnnotation(Fate.class, FateMixin.class);
        setMixInAnnotation(StoryNote.class, StoryNoteMixin.class);
        setMixInAnnotation(Fault.class, FaultMixin.class);
    }

    private <T> void bytes(Class<T> type, Function<T, byte[]> encode, Function<byte[], T> decode) {
        addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeBinary(encode.apply(value));
            }
        });
        addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return decode.apply(parser.getBinaryValue());
            }
        });
    }

    /** Values that print as the text their {@code parse} reads back (a topology's addresses and routes). */
    private <T> void text(Class<T> type, Function<String, T> parse) {
        addSerializer(type, ToStringSerializer.instance);
        addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
    }

    /** A packet is its wire bytes: no type id (lab-core's EthernetPayload asks for one). */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    private abstract static class BytesMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fate")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Fate.Delivered.class, name = "delivered"),
        @JsonSubTypes.Type(value = Fate.Dropped.class, name = "dropped"),
        @JsonSubTypes.Type(value = Fate.Rejected.class, name = "rejected"),
        @JsonSubTypes.Type(value = Fate.Sent.class, name = "sent")})
    private abstract static class FateMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "note")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = StoryNote.Created.class, name = "created"),
        @JsonSubTypes.Type(value = StoryNote.Stepped.class, name = "stepped"),
        @JsonSubTypes.Type(value = StoryNote.Ended.class, name = "ended")})
    private abstract static class StoryNoteMixin {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fault")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Fault.Link.class, name = "link"),
        @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
        @JsonSubTypes.Type(value = Fault.Restart.class, name = "restart"),
        @JsonSubTypes.Type(value = Fault.Loss.class, name = "loss")})
    private abstract static class FaultMixin {
    }
}
