package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packets travel between actors as Jackson messages: every type must come back equal, tagged by name. */
class PacketJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void framesAndPacketsRoundTrip() throws Exception {
        for (EthernetFrame frame : PacketSamples.frames()) {
            String json = mapper.writeValueAsString(frame);
            assertFalse(json.contains("@class") || json.contains("io.nflab"), json);
            assertEquals(frame, mapper.readValue(json, EthernetFrame.class), json);
            assertEquals(frame.payload(), mapper.readValue(mapper.writeValueAsString(frame.payload()),
                    EthernetPayload.class));
        }
    }

    @Test
    void randomPacketsRoundTripAsPacketsAndAsTheirParts() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            Ipv4Packet packet = PacketSamples.random(random);
            assertEquals(packet, mapper.readValue(mapper.writeValueAsString(packet), Ipv4Packet.class));
            assertEquals(packet.transport(), mapper.readValue(mapper.writeValueAsString(packet.transport()),
                    Transport.class));
            assertEquals(packet.header(), mapper.readValue(mapper.writeValueAsString(packet.header()),
                    Ipv4Header.class));
        }
    }

    @Test
    void valueTypesAreWrittenReadably() throws Exception {
        Ipv4Packet packet = PacketText.parse("tcp 10.0.0.1:1 > 10.0.0.2:2 flags SA opts mss=1460 data \"hi\"");
        String json = mapper.writeValueAsString(packet);
        assertTrue(json.contains("\"type\":\"ipv4\""), json);
        assertTrue(json.contains("\"kind\":\"tcp\""), json);
        assertTrue(json.contains("\"source\":\"10.0.0.1\""), json);
        assertTrue(json.contains("\"protocol\":\"tcp\""), json);
        assertTrue(json.contains("\"flags\":\"SA\""), json);
        assertTrue(json.contains("\"payload\":{\"length\":2,\"data\":\"aGk=\"}"), json);
        assertEquals("{\"length\":5}", mapper.writeValueAsString(Payload.ofLength(5)));
        assertEquals("\"none\"", mapper.writeValueAsString(TcpFlags.NONE));
        assertEquals(TcpFlags.NONE, mapper.readValue("\"none\"", TcpFlags.class));
        assertEquals("\"destination-unreachable\"", mapper.writeValueAsString(IcmpType.DESTINATION_UNREACHABLE));
        assertEquals(IcmpType.of(42), mapper.readValue("\"42\"", IcmpType.class));
        assertEquals(IpProtocol.of(253), mapper.readValue(mapper.writeValueAsString(IpProtocol.of(253)), IpProtocol.class));
    }

    @Test
    void metadataRoundTrips() throws Exception {
        PacketMeta meta = PacketMeta.NONE.withMark(0xffff_ffffL).withInputInterface("eth0")
                .withOutputInterface("veth-gw-lan").withConntrackId(42).withTraceId(7);
        assertEquals(meta, mapper.readValue(mapper.writeValueAsString(meta), PacketMeta.class));
    }
}
