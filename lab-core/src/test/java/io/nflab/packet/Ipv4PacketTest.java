package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.address.Ipv4Address;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

    private static Ipv4Packet.Builder packet() {
        return Ipv4Packet.builder().source(A).destination(B);
    }

    @Test
    void buildDerivesProtocolAndTotalLengthAndKeepsDefaults() {
        TcpSegment syn = TcpSegment.builder().sourcePort(1000).destinationPort(80).flags(TcpFlags.SYN)
                .options(TcpOptions.of(new TcpOption.Mss(1460))).payload(Payload.ofLength(10)).build();
        Ipv4Packet packet = packet().options(Bytes.fromHex("94040000")).transport(syn).build();
        assertEquals(IpProtocol.TCP, packet.protocol());
        assertEquals(24 + 24 + 10, packet.totalLength());
        assertEquals(Ipv4Header.DEFAULT_TTL, packet.ttl());
        assertEquals(0, packet.tos());
        assertEquals(packet, packet().options(Bytes.fromHex("94040000")).transport(syn).totalLength(58).build());
        assertEquals(packet, packet.toBuilder().build());
    }

    @Test
    void withTransportFollowsTheNewContents() {
        Ipv4Packet udp = packet().transport(UdpDatagram.of(1, 2, Payload.ofLength(100))).build();
        Ipv4Packet icmp = udp.withTransport(IcmpQuery.echoRequest(1, 1, Payload.EMPTY));
        assertEquals(IpProtocol.ICMP, icmp.protocol());
        assertEquals(28, icmp.totalLength());
    }

    @Test
    void crossFieldRulesAreChecked() {
        TcpSegment tcp = TcpSegment.builder().sourcePort(1).destinationPort(2).build();
        assertEquals("an IPv4 packet needs its contents (a TCP, UDP, ICMP or raw transport)",
                assertThrows(IllegalStateException.class, () -> packet().build()).getMessage());
        assertEquals("an IPv4 header needs a source and a destination address",
                assertThrows(IllegalStateException.class, () -> Ipv4Packet.builder().transport(tcp).build()).getMessage());
        assertEquals("a TCP segment needs a source and a destination port",
                assertThrows(IllegalStateException.class, () -> TcpSegment.builder().sourcePort(1).build()).getMessage());
        assertEquals("a fragment carries raw bytes, not a parsed tcp header (use proto 6)",
                assertThrows(IllegalArgumentException.class,
                        () -> packet().moreFragments(true).transport(tcp).build()).getMessage());
        assertEquals("an unfragmented udp packet needs a udp header, not raw bytes",
                assertThrows(IllegalArgumentException.class,
                        () -> packet().transport(RawTransport.of(IpProtocol.UDP, Payload.ofLength(8))).build()).getMessage());
        assertEquals("IP total length 41 does not match the contents (20 header + 20 tcp = 40 bytes)",
                assertThrows(IllegalArgumentException.class,
                        () -> packet().transport(tcp).totalLength(41).build()).getMessage());
        assertEquals("IP total length 65543 out of range 20-65535",
                assertThrows(IllegalArgumentException.class, () -> packet()
                        .transport(UdpDatagram.of(1, 2, Payload.ofLength(Payload.MAX_LENGTH))).build()).getMessage());
        Ipv4Header udpHeader = packet().transport(UdpDatagram.of(1, 2, Payload.EMPTY)).build().header();
        assertEquals("IP protocol udp does not match the tcp contents",
                assertThrows(IllegalArgumentException.class, () -> new Ipv4Packet(udpHeader, tcp)).getMessage());
    }

    @Test
    void fieldRangesAreChecked() {
        Transport udp = UdpDatagram.of(1, 2, Payload.EMPTY);
        assertEquals("TTL 256 out of range 0-255", assertThrows(IllegalArgumentException.class,
                () -> packet().ttl(256).transport(udp).build()).getMessage());
        assertEquals("fragment offset 8192 out of range 0-8191", assertThrows(IllegalArgumentException.class,
                () -> packet().fragmentOffset(8192).transport(RawTransport.of(IpProtocol.GRE, Payload.EMPTY)).build())
                .getMessage());
        assertEquals("IP options take 2 bytes, expected a multiple of 4 up to 40", assertThrows(
                IllegalArgumentException.class, () -> packet().options(Bytes.fromHex("0101")).transport(udp).build())
                .getMessage());
        assertEquals("UDP source port 65536 out of range 0-65535",
                assertThrows(IllegalArgumentException.class, () -> UdpDatagram.of(65536, 1, Payload.EMPTY)).getMessage());
        assertEquals("TCP sequence number -1 out of range 0-4294967295", assertThrows(IllegalArgumentException.class,
                () -> TcpSegment.builder().sourcePort(1).destinationPort(2).sequence(-1).build()).getMessage());
    }

    @Test
    void icmpKindsFollowTheType() {
        assertEquals("ICMP type destination-unreachable has no identifier and sequence number",
                assertThrows(IllegalArgumentException.class,
                        () -> new IcmpQuery(IcmpType.DESTINATION_UNREACHABLE, 0, 1, 1, Payload.EMPTY)).getMessage());
        assertEquals("ICMP type echo-request is not an error", assertThrows(IllegalArgumentException.class,
                () -> new IcmpError(IcmpType.ECHO_REQUEST, 0, 0, null)).getMessage());
        assertEquals("ICMP type time-exceeded is an error, not an other message", assertThrows(
                IllegalArgumentException.class, () -> new IcmpOther(IcmpType.TIME_EXCEEDED, 0, 0, Payload.EMPTY))
                .getMessage());
        IcmpQuery echo = IcmpQuery.echoRequest(0x1234, 0x5678, Payload.EMPTY);
        assertEquals(0x12345678L, echo.restOfHeader());
        assertEquals(IcmpType.ECHO_REPLY, IcmpQuery.echoReply(1, 1, Payload.EMPTY).type());
    }

    @Test
    void icmpErrorsReadTheirRestOfHeader() {
        Ipv4Packet original = PacketText.parse("tcp 10.0.0.2:1 > 10.0.0.1:2 flags S df len 1460");
        IcmpError needFrag = IcmpError.fragmentationNeeded(1400, original);
        assertEquals(1400, needFrag.mtu());
        assertEquals(IcmpCode.FRAGMENTATION_NEEDED, needFrag.code());
        IcmpError redirect = new IcmpError(IcmpType.REDIRECT, IcmpCode.HOST_REDIRECT, 0xc0a801feL, needFrag.quote());
        assertEquals(Ipv4Address.parse("192.168.1.254"), redirect.gateway());
        IcmpError problem = new IcmpError(IcmpType.PARAMETER_PROBLEM, 0, 20L << 24, needFrag.quote());
        assertEquals(20, problem.pointer());
        assertEquals(IcmpMessage.HEADER_LENGTH + QuotedDatagram.LINUX_QUOTE_LIMIT, needFrag.length());
    }
}
