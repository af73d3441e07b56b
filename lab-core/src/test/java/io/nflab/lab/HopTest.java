package io.nflab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.packet.ArpPacket;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HopTest {
    private static final Ipv4Packet SYN = PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S ttl 63");

    @Test
    void aWireHopCarriesItsPacketAndPrintsItAfterWhatHappened() {
        Hop hop = Hop.wire("web", 30_000, "eth0", "", "from gw eth1 over lan", SYN);
        assertEquals(Optional.of(SYN), hop.wirePacket());
        assertEquals("from gw eth1 over lan", hop.what());
        assertEquals("from gw eth1 over lan: " + PacketText.format(SYN), hop.text());
        assertEquals(SYN, PacketText.parse(hop.text().substring("from gw eth1 over lan: ".length())));
    }

    @Test
    void anArpFrameOnTheWireCarriesNoPacket() {
        ArpPacket arp = ArpPacket.request(MacAddress.parse("02:6e:66:00:00:01"), Ipv4Address.parse("192.168.1.1"),
                Ipv4Address.parse("192.168.1.2"));
        Hop hop = Hop.wire("gw", 0, "", "eth1", "sent out eth1", arp);
        assertTrue(hop.wirePacket().isEmpty());
        assertEquals("sent out eth1", hop.text());
    }

    @Test
    void onlyAWireHopCarriesAPacket() {
        Hop inStack = new Hop("gw", 0, "eth0", "eth1", "FORWARD", "filter", "FORWARD", 2, "ACCEPT");
        assertEquals("ACCEPT", inStack.text());
        assertThrows(IllegalArgumentException.class, () -> new Hop("gw", 0, "eth0", "eth1", "FORWARD", "filter",
                "FORWARD", 2, "ACCEPT", Optional.of(SYN)));
    }
}
