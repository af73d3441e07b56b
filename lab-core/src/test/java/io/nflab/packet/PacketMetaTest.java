package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import org.junit.jupiter.api.Test;

class PacketMetaTest {

    @Test
    void metadataStartsEmptyAndChangesByCopy() {
        PacketMeta meta = PacketMeta.NONE.withMark(0x10).withInputInterface("eth0");
        assertEquals(new PacketMeta(0, "", "", 0, 0), PacketMeta.NONE);
        assertEquals(new PacketMeta(0x10, "eth0", "", 0, 0), meta);
        assertEquals(new PacketMeta(0x10, "eth0", "eth1", 3, 9), meta.withOutputInterface("eth1").withConntrackId(3)
                .withTraceId(9));
    }

    @Test
    void metadataIsChecked() {
        assertEquals("mark 4294967296 out of range 0-4294967295",
                assertThrows(IllegalArgumentException.class, () -> PacketMeta.NONE.withMark(1L << 32)).getMessage());
        assertEquals("input interface name \"a-very-long-name\" is longer than 15 characters",
                assertThrows(IllegalArgumentException.class,
                        () -> PacketMeta.NONE.withInputInterface("a-very-long-name")).getMessage());
        assertThrows(NullPointerException.class, () -> PacketMeta.NONE.withOutputInterface(null));
    }

    @Test
    void arpRepliesAnswerTheRequest() {
        MacAddress client = MacAddress.parse("02:00:00:00:00:0a");
        MacAddress gateway = MacAddress.parse("02:00:00:00:00:01");
        ArpPacket request = ArpPacket.request(client, Ipv4Address.parse("192.168.1.2"), Ipv4Address.parse("192.168.1.1"));
        assertEquals(MacAddress.ZERO, request.targetMac());
        ArpPacket reply = ArpPacket.replyTo(request, gateway);
        assertEquals(new ArpPacket(ArpOperation.REPLY, gateway, Ipv4Address.parse("192.168.1.1"), client,
                Ipv4Address.parse("192.168.1.2")), reply);
        assertEquals(EthernetFrame.ETHERTYPE_ARP, new EthernetFrame(client, gateway, reply).etherType());
    }
}
