package io.nflab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.MacAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivedMacTest {

    @Test
    void theSameNamesGiveTheSameLocallyAdministeredUnicastMac() {
        MacAddress mac = DerivedMac.of("gw", "eth0");
        assertEquals(mac, DerivedMac.of("gw", "eth0"));
        assertFalse(mac.isMulticast());
        assertEquals(2, mac.octet(0) & 3, "locally administered, unicast");
        assertNotEquals(mac, DerivedMac.of("gw", "eth1"));
        assertNotEquals(mac, DerivedMac.of("gw0", "eth"), "node and interface names are kept apart");
    }

    @Test
    void aThousandInterfacesGetDistinctMacs() {
        Set<MacAddress> seen = new HashSet<>();
        for (int node = 0; node < 100; node++) {
            for (int iface = 0; iface < 10; iface++) {
                assertTrue(seen.add(DerivedMac.of("node" + node, "eth" + iface)));
            }
        }
    }
}
