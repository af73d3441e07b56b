package io.nflab.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4PrefixTest {

    @Test
    void clearsHostBitsLikeIpRouteShowsThem() {
        Ipv4Prefix prefix = Ipv4Prefix.parse("192.168.1.7/24");
        assertEquals("192.168.1.0/24", prefix.toString());
        assertEquals(Ipv4Address.parse("192.168.1.0"), prefix.network());
        assertEquals(24, prefix.length());
        assertEquals(Ipv4Address.parse("255.255.255.0"), prefix.mask());
        assertEquals(Ipv4Address.parse("192.168.1.255"), prefix.broadcast());
        assertEquals(prefix, Ipv4Prefix.parse("192.168.1.0/24"));
        assertEquals(prefix.hashCode(), Ipv4Prefix.parse("192.168.1.200/24").hashCode());
    }

    @Test
    void bareAddressIsAHostRoute() {
        assertEquals("10.1.2.3/32", Ipv4Prefix.parse("10.1.2.3").toString());
    }

    @Test
    void handlesZeroAndFullLengths() {
        Ipv4Prefix any = Ipv4Prefix.parse("1.2.3.4/0");
        assertEquals(Ipv4Prefix.ANY, any);
        assertEquals("0.0.0.0/0", any.toString());
        assertEquals(Ipv4Address.ANY, any.mask());
        assertEquals(Ipv4Address.BROADCAST, any.broadcast());
        assertTrue(any.contains(Ipv4Address.parse("255.1.1.1")));
        assertEquals(Ipv4Address.BROADCAST, Ipv4Prefix.parse("1.2.3.4/32").mask());
        assertEquals(0xffffff00, Ipv4Prefix.maskBits(24));
        assertEquals(0, Ipv4Prefix.maskBits(0));
        assertEquals(-1, Ipv4Prefix.maskBits(32));
    }

    @Test
    void containsAddressesAndPrefixes() {
        Ipv4Prefix lan = Ipv4Prefix.parse("192.168.0.0/16");
        assertTrue(lan.contains(Ipv4Address.parse("192.168.255.255")));
        assertTrue(lan.contains(Ipv4Address.parse("192.168.0.0")));
        assertFalse(lan.contains(Ipv4Address.parse("192.169.0.0")));
        assertFalse(lan.contains(Ipv4Address.parse("10.0.0.1")));
        assertTrue(lan.contains(Ipv4Prefix.parse("192.168.3.0/24")));
        assertTrue(lan.contains(lan));
        assertFalse(lan.contains(Ipv4Prefix.parse("192.0.0.0/8")));
        assertFalse(lan.contains(Ipv4Prefix.parse("10.0.0.0/24")));
        Ipv4Prefix high = Ipv4Prefix.parse("224.0.0.0/4");
        assertTrue(high.contains(Ipv4Address.parse("239.1.1.1")));
        assertFalse(high.contains(Ipv4Address.parse("240.0.0.0")));
    }

    @Test
    void comparesByNetworkThenLength() {
        List<Ipv4Prefix> sorted = new ArrayList<>(List.of(Ipv4Prefix.parse("200.0.0.0/8"),
                Ipv4Prefix.parse("10.0.0.0/16"), Ipv4Prefix.parse("10.0.0.0/8"), Ipv4Prefix.parse("0.0.0.0/0")));
        sorted.sort(null);
        assertEquals("[0.0.0.0/0, 10.0.0.0/8, 10.0.0.0/16, 200.0.0.0/8]", sorted.toString());
        assertNotEquals(Ipv4Prefix.parse("10.0.0.0/8"), Ipv4Prefix.parse("10.0.0.0/16"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/24", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/024",
        "10.0.0.0/2a", "10.0.0.0/24/8", "10.0.0/8", "10.0.0.0/255.0.0.0", "10.0.0.0/\u0662\u0664"})
    void refusesBadText(String text) {
        assertTrue(Ipv4Prefix.tryParse(text).isEmpty(), text);
        AddressFormatException error = assertThrows(AddressFormatException.class, () -> Ipv4Prefix.parse(text));
        assertEquals("invalid IPv4 prefix `" + text + "'", error.getMessage());
    }

    @Test
    void refusesBadLengthInFactory() {
        assertThrows(AddressFormatException.class, () -> Ipv4Prefix.of(Ipv4Address.ANY, 33));
        assertThrows(AddressFormatException.class, () -> Ipv4Prefix.of(Ipv4Address.ANY, -1));
    }
}
