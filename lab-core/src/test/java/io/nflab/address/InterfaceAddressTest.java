package io.nflab.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InterfaceAddressTest {

    @Test
    void keepsHostBitsAndDerivesSubnet() {
        InterfaceAddress address = InterfaceAddress.parse("192.168.1.1/24");
        assertEquals(Ipv4Address.parse("192.168.1.1"), address.address());
        assertEquals(24, address.prefixLength());
        assertEquals("192.168.1.1/24", address.toString());
        assertEquals(Ipv4Prefix.parse("192.168.1.0/24"), address.subnet());
        assertEquals(Ipv4Address.parse("192.168.1.255"), address.broadcast());
        assertTrue(address.subnet().contains(address.address()));
    }

    @Test
    void bareAddressIsSlash32() {
        assertEquals(new InterfaceAddress(Ipv4Address.parse("10.0.0.2"), 32), InterfaceAddress.parse("10.0.0.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "192.168.1.1/", "192.168.1.1/33", "192.168.1/24", "x/24", "192.168.1.1/24 "})
    void refusesBadText(String text) {
        assertTrue(InterfaceAddress.tryParse(text).isEmpty());
        AddressFormatException error = assertThrows(AddressFormatException.class, () -> InterfaceAddress.parse(text));
        assertEquals(text, error.offendingText());
        assertEquals("invalid interface address `" + text + "'", error.getMessage());
    }

    @Test
    void refusesBadComponents() {
        assertThrows(AddressFormatException.class, () -> new InterfaceAddress(Ipv4Address.ANY, 33));
        assertThrows(NullPointerException.class, () -> new InterfaceAddress(null, 24));
    }
}
