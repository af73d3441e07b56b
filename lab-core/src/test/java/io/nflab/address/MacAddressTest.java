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

class MacAddressTest {

    @Test
    void parsesAnyCaseAndPrintsLowercaseLikeLinux() {
        MacAddress mac = MacAddress.parse("02:42:AC:11:00:0A");
        assertEquals(0x0242ac11000aL, mac.bits());
        assertEquals("02:42:ac:11:00:0a", mac.toString());
        assertEquals(0xac, mac.octet(2));
        assertEquals(mac, MacAddress.parse("2:42:ac:11:0:a"));
        assertEquals(mac, MacAddress.of(0x0242ac11000aL));
    }

    @Test
    void classifiesBroadcastAndMulticast() {
        assertEquals("ff:ff:ff:ff:ff:ff", MacAddress.BROADCAST.toString());
        assertEquals("00:00:00:00:00:00", MacAddress.ZERO.toString());
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isBroadcast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("02:00:5e:00:00:01").isMulticast());
    }

    @Test
    void comparesNumerically() {
        List<MacAddress> sorted = new ArrayList<>(List.of(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
                MacAddress.ZERO, MacAddress.parse("00:00:00:00:01:00")));
        sorted.sort(null);
        assertEquals("[00:00:00:00:00:00, 00:00:00:00:01:00, 02:00:00:00:00:01, ff:ff:ff:ff:ff:ff]", sorted.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:42:ac:11:00", "02:42:ac:11:00:0a:0b", "02:42:ac:11:00:", "02:42:ac:11:000:0a",
        "02-42-ac-11-00-0a", "02:42:ag:11:00:0a", "02:42:ac:11:00:0\uff10", "02:42:ac:11:00:0a "})
    void refusesBadText(String text) {
        assertTrue(MacAddress.tryParse(text).isEmpty(), text);
        AddressFormatException error = assertThrows(AddressFormatException.class, () -> MacAddress.parse(text));
        assertEquals("invalid MAC address `" + text + "'", error.getMessage());
    }

    @Test
    void refusesMoreThan48Bits() {
        assertThrows(AddressFormatException.class, () -> MacAddress.of(1L << 48));
        assertThrows(AddressFormatException.class, () -> MacAddress.of(-1));
    }
}
