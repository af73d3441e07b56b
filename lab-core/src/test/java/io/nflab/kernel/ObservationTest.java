package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.MacAddress;
import io.nflab.packet.Bytes;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.WireFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Captured frames, observations and the normalized comparison, on hand-made frames. */
class ObservationTest {

    private static final MacAddress A = MacAddress.parse("02:6e:66:00:00:00");
    private static final MacAddress B = MacAddress.parse("02:6e:66:00:01:00");
    private static final Ipv4Packet SYN = PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S ipid 7");
    private static final Ipv4Packet RST = PacketText.parse("tcp 203.0.113.1:80 > 203.0.113.10:40000 flags RA ack 1");

    @Test
    void capturedBytesAreDecodedAndTheirChecksumsChecked() {
        byte[] bytes = WireFormat.encode(new EthernetFrame(B, A, SYN));
        CapturedFrame good = capture("client", "eth0", PacketType.OUTGOING, bytes);
        bytes[14 + 20 + 16] ^= 1; // the TCP checksum
        CapturedFrame bad = capture("client", "eth0", PacketType.OUTGOING, bytes);
        CapturedFrame garbage = capture("client", "eth0", PacketType.HOST, new byte[] {1, 2, 3});

        assertEquals(Optional.of(SYN), good.ipv4());
        assertTrue(good.checksumsValid());
        assertEquals(Optional.of(SYN), bad.ipv4(), "decoded all the same");
        assertFalse(bad.checksumsValid());
        assertTrue(bad.toString().endsWith("(bad checksum)"), bad.toString());
        assertEquals(Optional.empty(), garbage.frame());
        assertTrue(garbage.undecodable().isPresent());
        assertEquals(Direction.OUT, good.direction());
        assertThrows(IllegalArgumentException.class, () -> PacketType.of(9));
    }

    @Test
    void anObservationSelectsByInterfaceAndDirection() {
        Observation o = new Observation(new LocalSend("client", SYN), Optional.empty(), List.of(
                capture("client", "eth0", PacketType.OUTGOING, WireFormat.encode(new EthernetFrame(B, A, SYN))),
                capture("gw", "eth0", PacketType.HOST, WireFormat.encode(new EthernetFrame(B, A, SYN))),
                capture("web", "eth0", PacketType.OTHERHOST, WireFormat.encode(new EthernetFrame(B, A, SYN))),
                capture("gw", "eth0", PacketType.OUTGOING, WireFormat.encode(new EthernetFrame(A, B, RST))),
                capture("client", "eth0", PacketType.HOST, WireFormat.encode(new EthernetFrame(A, B, RST)))));

        assertEquals(2, o.at("gw", "eth0").size());
        assertEquals(List.of(SYN), o.received("gw", "eth0"));
        assertEquals(List.of(), o.received("web", "eth0"), "a flooded frame for another MAC is not received");
        assertEquals(List.of(RST), o.sent("gw", "eth0"));
        assertEquals(List.of(RST), o.returnedToSender());
        Observation delivered = new Observation(new WireDelivery("gw", "eth0", new EthernetFrame(B, A, SYN)),
                Optional.empty(), o.frames());
        assertEquals(List.of(RST), delivered.returnedToSender(), "what gw sent back out of eth0");
    }

    @Test
    void theNormalizedComparisonIgnoresIdentificationsOnly() {
        Ipv4Packet original = PacketText.parse("udp 10.0.0.1:5000 > 10.0.0.2:54 ipid 99 len 4");
        Ipv4Packet error = PacketText.parse(
                "icmp 10.0.0.2 > 10.0.0.1 port-unreachable tos 0xc0 ipid 1234 [udp 10.0.0.1:5000 > 10.0.0.2:54 ipid 99 len 4]");
        Ipv4Packet modelled = PacketText.parse(
                "icmp 10.0.0.2 > 10.0.0.1 port-unreachable tos 0xc0 [udp 10.0.0.1:5000 > 10.0.0.2:54 len 4]");

        assertTrue(PacketNormalizer.equivalent(original, original.toBuilder().identification(0).build()));
        assertTrue(PacketNormalizer.equivalent(error, modelled));
        assertEquals(0, ((IcmpError) PacketNormalizer.normalize(error).transport()).quote().header().identification());
        assertEquals(IcmpType.DESTINATION_UNREACHABLE, ((IcmpError) PacketNormalizer.normalize(error).transport()).type());
        assertFalse(PacketNormalizer.equivalent(modelled, modelled.withTos(0)));
        assertFalse(PacketNormalizer.equivalent(original, original.withTtl(63)));
        EthernetFrame frame = new EthernetFrame(B, A, error);
        assertTrue(PacketNormalizer.equivalent(frame, new EthernetFrame(B, A, modelled)));
        assertFalse(PacketNormalizer.equivalent(frame, new EthernetFrame(A, B, modelled)));
    }

    private static CapturedFrame capture(String node, String iface, PacketType type, byte[] bytes) {
        return CapturedFrame.decode(node, iface, type, 1000, Bytes.of(bytes));
    }
}
