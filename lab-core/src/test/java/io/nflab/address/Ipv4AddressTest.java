package io.nflab.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4AddressTest {

    @Test
    void parsesAndFormatsDottedQuad() {
        Ipv4Address address = Ipv4Address.parse("203.0.113.10");
        assertEquals(0xcb00710a, address.bits());
        assertEquals("203.0.113.10", address.toString());
        assertEquals(203, address.octet(0));
        assertEquals(10, address.octet(3));
        assertEquals(address, Ipv4Address.of(203, 0, 113, 10));
        assertEquals(address.hashCode(), Ipv4Address.of(0xcb00710a).hashCode());
    }

    @Test
    void formatsExtremes() {
        assertEquals("0.0.0.0", Ipv4Address.ANY.toString());
        assertEquals("255.255.255.255", Ipv4Address.BROADCAST.toString());
        assertEquals("127.0.0.1", Ipv4Address.LOOPBACK.toString());
        assertEquals(Ipv4Address.BROADCAST, Ipv4Address.parse("255.255.255.255"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "1..2.3", "1.2.3.4.",
        ".1.2.3", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4", "01.2.3.4", "1.2.3.00", "0x1.2.3.4", "1.2.3.4/24",
        "1.2.3.\u0664", "1234.1.1.1", "1.2.3.4444"})
    void refusesBadText(String text) {
        assertTrue(Ipv4Address.tryParse(text).isEmpty(), text);
        AddressFormatException error = assertThrows(AddressFormatException.class, () -> Ipv4Address.parse(text));
        assertEquals(text, error.offendingText());
        assertEquals("invalid IPv4 address `" + text + "'", error.getMessage());
    }

    @Test
    void refusesNullAndOutOfRangeOctets() {
        assertTrue(Ipv4Address.tryParse(null).isEmpty());
        assertThrows(AddressFormatException.class, () -> Ipv4Address.of(1, 2, 3, 256));
        assertThrows(AddressFormatException.class, () -> Ipv4Address.of(-1, 2, 3, 4));
    }

    @Test
    void acceptsZeroOctets() {
        assertEquals(Ipv4Address.of(10, 0, 0, 0), Ipv4Address.parse("10.0.0.0"));
    }

    @Test
    void comparesUnsigned() {
        List<Ipv4Address> sorted = new ArrayList<>(List.of(Ipv4Address.parse("200.0.0.1"),
                Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("128.0.0.0"), Ipv4Address.parse("127.255.255.255")));
        sorted.sort(null);
        assertEquals("[10.0.0.1, 127.255.255.255, 128.0.0.0, 200.0.0.1]", sorted.toString());
        assertEquals(0, Ipv4Address.parse("1.2.3.4").compareTo(Ipv4Address.of(1, 2, 3, 4)));
    }

    @Test
    void classifiesSpecialAddresses() {
        assertTrue(Ipv4Address.parse("127.1.2.3").isLoopback());
        assertFalse(Ipv4Address.parse("128.0.0.1").isLoopback());
        assertTrue(Ipv4Address.parse("224.0.0.1").isMulticast());
        assertTrue(Ipv4Address.parse("239.255.255.255").isMulticast());
        assertFalse(Ipv4Address.parse("240.0.0.1").isMulticast());
        assertTrue(Ipv4Address.ANY.isAny());
        assertTrue(Ipv4Address.parse("255.255.255.255").isLimitedBroadcast());
    }
}
