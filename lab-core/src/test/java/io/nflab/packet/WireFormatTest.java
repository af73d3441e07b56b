package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Bytes scapy 2.5.0 builds for the same packets (scapy_check.py build), so they hold without scapy too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S opts mss=1460,sackok,ts=1000:0,nop,wscale=7 df"
                + " | 4500003c000040004006c2afcb00710acb0071019c4000500000000000000000a002faf0348a0000020405b40402080a000003e80000000001030307",
        "tcp 192.168.1.2:8080 > 203.0.113.10:40000 flags PA seq 1 ack 1 win 502 ttl 63 tos 0x10 ipid 4660"
                + " data \"HTTP/1.0 200 OK\\r\\n\\r\\n\""
                + " | 4510003b123400003f066bc4c0a80102cb00710a1f909c400000000100000001501801f62a6a0000485454502f312e3020323030204f4b0d0a0d0a",
        "udp 192.168.1.2:5353 > 10.0.0.2:53 ttl 1 data \"\\x12\\x34query\""
                + " | 45000023000000000111ee1ec0a801020a00000214e90035000fbce912347175657279",
        "icmp 10.0.0.2 > 192.168.1.2 echo-request id 7 seq 1 df len 56"
                + " | 450000540000400040016efd0a000002c0a801020800f7f7000700010000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000",
        "icmp 192.168.1.1 > 203.0.113.10 port-unreachable tos 0xc0 [udp 203.0.113.10:5353 > 192.168.1.1:53 ipid 1"
                + " data \"hello\"]"
                + " | 45c0003d0000000040017c4cc0a80101cb00710a0303facf00000000450000210001000040117d17cb00710ac0a80101"
                + "14e90035000da92f68656c6c6f",
        "gre 1.2.3.4 > 5.6.7.8 ipopts 94040000 data \"\\x00\\x00\\x08\\x00\""
                + " | 4600001c00000000402fd59b01020304050607089404000000000800",
        "proto tcp 10.0.0.1 > 10.0.0.2 ipid 99 frag 185 len 24"
                + " | 4500002c006300b9400665ae0a0000010a000002000000000000000000000000000000000000000000000000",
    })
    void encodesExactlyAsScapyDoes(String text, String hex) {
        Ipv4Packet packet = PacketText.parse(text);
        assertEquals(hex, HEX.formatHex(WireFormat.encode(packet)));
        assertEquals(packet, WireFormat.decodeIpv4(HEX.parseHex(hex)));
    }

    @Test
    void zeroUdpChecksumIsEncodedAsAllOnes() {
        // With the payload ebd3 the pseudo header, header and payload sum to 0xffff: checksum 0, sent as 0xffff.
        Ipv4Packet packet = PacketText.parse("udp 10.0.0.1:1 > 10.0.0.3:2 data \"\\xeb\\xd3\"");
        byte[] bytes = WireFormat.encode(packet);
        assertEquals("ffff", HEX.formatHex(bytes, 26, 28));
    }

    @Test
    void framesCarryArpAndIpv4() {
        MacAddress a = MacAddress.parse("02:00:00:00:00:0a");
        EthernetFrame request = new EthernetFrame(MacAddress.BROADCAST, a,
                ArpPacket.request(a, Ipv4Address.parse("192.168.1.2"), Ipv4Address.parse("192.168.1.1")));
        assertEquals("ffffffffffff02000000000a0806" + "0001080006040001" + "02000000000ac0a80102" + "000000000000c0a80101",
                HEX.formatHex(WireFormat.encode(request)));
        for (EthernetFrame frame : PacketSamples.frames()) {
            byte[] bytes = WireFormat.encode(frame);
            assertEquals(frame, WireFormat.decodeEthernet(bytes));
            byte[] padded = Arrays.copyOf(bytes, Math.max(60, bytes.length + 3));
            assertEquals(frame, WireFormat.decodeEthernet(padded), "Ethernet padding is ignored");
        }
    }

    @Test
    void randomPacketsDecodeToThemselvesAndReencodeToTheSameBytes() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            Ipv4Packet packet = PacketSamples.random(random);
            byte[] bytes = WireFormat.encode(packet);
            assertEquals(packet.totalLength(), bytes.length);
            Ipv4Packet decoded = WireFormat.decodeIpv4(bytes);
            assertEquals(packet, decoded, packet::toString);
            assertArrayEquals(bytes, WireFormat.encode(decoded));
        }
    }

    @Test
    void truncatedIpv4PacketsAreRefused() {
        for (Ipv4Packet packet : PacketSamples.packets()) {
            assertTruncationRefused(WireFormat.encode(packet), WireFormat::decodeIpv4);
        }
    }

    @Test
    void truncatedFramesAreRefused() {
        for (EthernetFrame frame : PacketSamples.frames()) {
            assertTruncationRefused(WireFormat.encode(frame), WireFormat::decodeEthernet);
        }
    }

    /** Every proper prefix is refused with a MalformedPacketException (ONOS testDeserializeTruncated). */
    private static void assertTruncationRefused(byte[] bytes, Function<byte[], ?> decoder) {
        for (int length = 0; length < bytes.length; length++) {
            byte[] prefix = Arrays.copyOf(bytes, length);
            try {
                Object decoded = decoder.apply(prefix);
                fail("decoded " + length + " of " + bytes.length + " bytes: " + decoded);
            } catch (MalformedPacketException expected) {
                assertTrue(expected.getMessage().startsWith("malformed packet: "), expected.getMessage());
                assertTrue(expected.offset() >= 0 && expected.offset() <= length, expected.getMessage());
            }
        }
    }

    @Test
    void corruptedBytesAreRefusedOrDecodedNeverCrash() {
        Random random = new Random(11);
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = WireFormat.encode(PacketSamples.random(random));
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            for (ChecksumPolicy policy : ChecksumPolicy.values()) {
                try {
                    Ipv4Packet decoded = WireFormat.decodeIpv4(bytes, policy);
                    assertEquals(decoded, WireFormat.decodeIpv4(WireFormat.encode(decoded)));
                } catch (MalformedPacketException expected) {
                    // refused with a message: fine
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10 | 0x00 | bad IPv4 header checksum 0xce (at byte 10)",
        "36 | 0x00 | bad TCP checksum 0xec (at byte 36)",
        "0 | 0x65 | IP version 6, expected 4 (at byte 0)",
        "0 | 0x44 | IPv4 header length 16, at least 20 expected (at byte 0)",
        "0 | 0x4f | IPv4 header truncated: 40 of 60 bytes (at byte 40)",
        "3 | 0x13 | IPv4 total length 19 is less than the header length 20 (at byte 2)",
        "3 | 0x50 | IPv4 packet truncated: total length 80, only 40 bytes (at byte 40)",
        "6 | 0x80 | IPv4 reserved flag bit set (at byte 6)",
        "32 | 0x40 | TCP data offset 16 bytes, at least 20 expected (at byte 32)",
        "32 | 0x60 | TCP header truncated: 20 of 24 bytes (at byte 40)",
        "32 | 0x51 | TCP reserved bits 0x1 set; nflab does not model them (at byte 32)",
    })
    void malformedTcpPacketsAreNamed(int index, String value, String message) {
        byte[] bytes = WireFormat.encode(PacketText.parse("tcp 10.0.0.1:1 > 10.0.0.2:2 flags S"));
        bytes[index] = (byte) Integer.decode(value).intValue();
        ChecksumPolicy policy = message.startsWith("bad") ? ChecksumPolicy.VERIFY : ChecksumPolicy.IGNORE;
        MalformedPacketException error = assertThrows(MalformedPacketException.class,
                () -> WireFormat.decodeIpv4(bytes, policy));
        assertEquals("malformed packet: " + message, error.getMessage());
    }

    @Test
    void otherMalformedPacketsAreNamed() {
        assertMalformed("udp 10.0.0.1:1 > 10.0.0.2:2 len 4", 25, 11,
                "UDP length 11 does not match the 12 bytes after the IP header (at byte 24)");
        assertMalformed("udp 10.0.0.1:1 > 10.0.0.2:2 len 4", 29, 1, "bad UDP checksum 0xebd0 (at byte 26)");
        assertMalformed("icmp 10.0.0.1 > 10.0.0.2 echo-request", 22, 0, "bad ICMP checksum 0xff (at byte 22)");
        assertMalformed("icmp 10.0.0.1 > 10.0.0.2 port-unreachable [udp 10.0.0.2:1 > 10.0.0.1:2]", 31, 24,
                "ICMP destination-unreachable quotes 28 bytes of a datagram of 24 (at byte 52)");
        assertMalformed("icmp 10.0.0.1 > 10.0.0.2 port-unreachable [udp 10.0.0.2:1 > 10.0.0.1:2]", 31, 16,
                "IPv4 total length 16 is less than the header length 20 (at byte 30)");
        byte[] trailing = Arrays.copyOf(WireFormat.encode(PacketText.parse("gre 1.1.1.1 > 2.2.2.2")), 21);
        MalformedPacketException error = assertThrows(MalformedPacketException.class,
                () -> WireFormat.decodeIpv4(trailing));
        assertEquals("malformed packet: 1 bytes after the end of the IPv4 packet (total length 20) (at byte 20)",
                error.getMessage());
    }

    private static void assertMalformed(String text, int index, int value, String message) {
        byte[] bytes = WireFormat.encode(PacketText.parse(text));
        bytes[index] = (byte) value;
        MalformedPacketException error = assertThrows(MalformedPacketException.class,
                () -> WireFormat.decodeIpv4(bytes, message.startsWith("bad") ? ChecksumPolicy.VERIFY : ChecksumPolicy.IGNORE));
        assertEquals("malformed packet: " + message, error.getMessage());
    }

    @Test
    void checksumsCanBeIgnoredForCaptures() {
        byte[] bytes = WireFormat.encode(PacketText.parse("tcp 10.0.0.1:1 > 10.0.0.2:2 flags S"));
        bytes[36] = 0;
        bytes[37] = 0;
        assertThrows(MalformedPacketException.class, () -> WireFormat.decodeIpv4(bytes));
        assertEquals(PacketText.parse("tcp 10.0.0.1:1 > 10.0.0.2:2 flags S"),
                WireFormat.decodeIpv4(bytes, ChecksumPolicy.IGNORE));
    }

    @Test
    void unsupportedFramesAreNamed() {
        byte[] ipv6 = HEX.parseHex("ffffffffffff02000000000a86dd" + "6000000000003b40" + "00".repeat(32));
        assertEquals("malformed packet: EtherType 0x86dd is not supported (only IPv4 0x0800 and ARP 0x0806) (at byte 12)",
                assertThrows(MalformedPacketException.class, () -> WireFormat.decodeEthernet(ipv6)).getMessage());
        byte[] rarp = HEX.parseHex("ffffffffffff02000000000a0806" + "0001080006040003" + "00".repeat(20));
        assertEquals("malformed packet: ARP operation 3, expected 1 (request) or 2 (reply) (at byte 20)",
                assertThrows(MalformedPacketException.class, () -> WireFormat.decodeEthernet(rarp)).getMessage());
    }

    @Test
    void icmpQueryCodesAndOtherTypesSurvive() {
        for (String text : List.of("icmp 1.1.1.1 > 2.2.2.2 8/5 id 3", "icmp 1.1.1.1 > 2.2.2.2 42/1 rest 0xffffffff",
                "icmp 1.1.1.1 > 2.2.2.2 router-solicitation len 4")) {
            Ipv4Packet packet = PacketText.parse(text);
            assertEquals(packet, WireFormat.decodeIpv4(WireFormat.encode(packet)));
        }
    }
}
