package io.nflab.address;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AddressJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void addressesAreWrittenAsTheirText() throws Exception {
        assertRoundTrip(Ipv4Address.parse("203.0.113.1"), "\"203.0.113.1\"");
        assertRoundTrip(Ipv4Prefix.parse("10.0.0.0/8"), "\"10.0.0.0/8\"");
        assertRoundTrip(InterfaceAddress.parse("192.168.1.1/24"), "\"192.168.1.1/24\"");
        assertRoundTrip(MacAddress.parse("02:00:00:00:00:01"), "\"02:00:00:00:00:01\"");
    }

    private <T> void assertRoundTrip(T value, String json) throws Exception {
        assertEquals(json, mapper.writeValueAsString(value));
        assertEquals(value, mapper.readValue(json, value.getClass()));
    }
}
