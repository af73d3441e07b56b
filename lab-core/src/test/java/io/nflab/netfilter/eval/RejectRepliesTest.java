package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.target.RejectTarget.RejectWith;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the kernel answers a rejected packet, and with what (the byte-level check is KernelRejectReplyFixtureTest). */
class RejectRepliesTest {
    private static final RejectReplies.ReplyHeader ROUTER =
            new RejectReplies.ReplyHeader(Ipv4Address.parse("192.168.1.1"), 64, 77);

    private static Optional<Ipv4Packet> reply(String packet, RejectWith with) {
        return RejectReplies.build(PacketText.parse(packet), with, ROUTER);
    }

    @Test
    void resetAnswersSynWithRstAck() {
        Ipv4Packet reset = reply("tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S seq 100", RejectWith.TCP_RESET).orElseThrow();
        assertEquals(Ipv4Address.parse("10.0.0.1"), reset.source());
        assertEquals(Ipv4Address.parse("10.0.0.2"), reset.destination());
        assertTrue(reset.header().dontFragment());
        assertEquals(0, reset.header().identification());
        TcpSegment tcp = (TcpSegment) reset.transport();
        assertEquals(TcpFlags.RST_ACK, tcp.flags());
        assertEquals(0, tcp.sequence());
        assertEquals(101, tcp.acknowledgment());
        assertEquals(22, tcp.sourcePort());
        assertEquals(40000, tcp.destinationPort());
    }

    @Test
    void noResetForResetsNonTcpLaterFragmentsOrGroupAddresses() {
        assertEquals(Optional.empty(), reply("tcp 10.0.0.2:1 > 10.0.0.1:22 flags RA", RejectWith.TCP_RESET));
        assertEquals(Optional.empty(), reply("udp 10.0.0.2:1 > 10.0.0.1:53", RejectWith.TCP_RESET));
        assertEquals(Optional.empty(), reply("proto tcp 10.0.0.2 > 10.0.0.1 frag 4 len 8", RejectWith.TCP_RESET));
        assertEquals(Optional.empty(), reply("tcp 10.0.0.2:1 > 224.0.0.1:22 flags S", RejectWith.TCP_RESET));
    }

    @Test
    void icmpErrorsQuoteThePacketFromTheGivenSource() {
        Ipv4Packet error = reply("udp 10.0.0.2:5353 > 10.0.0.1:53 tos 0x11 len 10", RejectWith.ICMP_NET_PROHIBITED)
                .orElseThrow();
        assertEquals(ROUTER.icmpSource(), error.source());
        assertEquals(77, error.header().identification());
        assertEquals(0xd0, error.tos());
        IcmpError icmp = (IcmpError) error.transport();
        assertEquals(3, icmp.type().number());
        assertEquals(9, icmp.code());
        assertTrue(icmp.quote().isComplete());
    }

    @Test
    void everyIcmpRejectTypeHasItsCode() {
        String udp = "udp 10.0.0.2:5353 > 10.0.0.1:53";
        assertEquals(0, code(udp, RejectWith.ICMP_NET_UNREACHABLE));
        assertEquals(1, code(udp, RejectWith.ICMP_HOST_UNREACHABLE));
        assertEquals(2, code(udp, RejectWith.ICMP_PROT_UNREACHABLE));
        assertEquals(3, code(udp, RejectWith.ICMP_PORT_UNREACHABLE));
        assertEquals(9, code(udp, RejectWith.ICMP_NET_PROHIBITED));
        assertEquals(10, code(udp, RejectWith.ICMP_HOST_PROHIBITED));
        assertEquals(13, code(udp, RejectWith.ICMP_ADMIN_PROHIBITED));
    }

    private static int code(String packet, RejectWith with) {
        return ((IcmpError) reply(packet, with).orElseThrow().transport()).code();
    }

    @Test
    void noIcmpErrorAboutIcmpErrorsLaterFragmentsOrToGroupAddresses() {
        assertEquals(Optional.empty(), reply("icmp 10.0.0.2 > 10.0.0.1 port-unreachable [udp 10.0.0.1:53 > 10.0.0.2:1]",
                RejectWith.ICMP_PORT_UNREACHABLE));
        assertEquals(Optional.empty(), reply("icmp 10.0.0.2 > 10.0.0.1 42", RejectWith.ICMP_PORT_UNREACHABLE));
        assertTrue(reply("icmp 10.0.0.2 > 10.0.0.1 echo-request id 1 seq 1", RejectWith.ICMP_PORT_UNREACHABLE)
                .isPresent());
        assertEquals(Optional.empty(), reply("proto udp 10.0.0.2 > 10.0.0.1 frag 9 len 8", RejectWith.ICMP_PORT_UNREACHABLE));
        assertEquals(Optional.empty(), reply("udp 10.0.0.2:68 > 255.255.255.255:67", RejectWith.ICMP_PORT_UNREACHABLE));
    }
}
