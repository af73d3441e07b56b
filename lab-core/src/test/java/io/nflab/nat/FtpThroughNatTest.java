package io.nflab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.CtState;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FTP helper through a masquerading gateway (client 10.0.0.2 behind 203.0.113.1, server 198.51.100.5)
 * and through a port forward: expectations, RELATED data connections bound like their master, rewritten
 * announcements and the sequence numbers that follow them.
 */
class FtpThroughNatTest {
    private TestGateway gw;
    private ConntrackEntry control;

    @BeforeEach
    void masqueradingGatewayWithTheHelperRule() {
        gw = new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "10.0.0.1/24")
                .rule(Hook.POSTROUTING, p -> p.source().toString().startsWith("10.")
                        ? NatVerdict.bind(new MasqueradeTarget(NatRange.NONE, false, false)) : NatVerdict.ACCEPT);
        gw.ftpHelperRule = true;
    }

    /** Handshake, the server's greeting and the client's first line: from now on lines are searched. */
    private void login() {
        var syn = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags S seq 1000");
        control = syn.conntrack().entry();
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags SA seq 5000 ack 1001");
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags A seq 1001 ack 5001");
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5001 ack 1001 data \"220 ready\\r\\n\"");
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1001 ack 5012 data \"USER anonymous\\r\\n\"");
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5012 ack 1017 data \"230 ok\\r\\n\"");
    }

    @Test
    void passiveModeExpectsTheDataConnectionWhichIsRelatedAndMasqueradedLikeItsMaster() {
        login();
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 data \"PASV\\r\\n\"");
        var reply = in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5020 ack 1023 "
                + "data \"227 Entering Passive Mode (198,51,100,5,195,80).\\r\\n\"");

        assertEquals("tcp 198.51.100.5:21 > 10.0.0.2:40000 flags PA seq 5020 ack 1023 "
                + "data \"227 Entering Passive Mode (198,51,100,5,195,80).\\r\\n\"", reply.packet().toString());
        assertEquals("300 proto=6 src=10.0.0.2 dst=198.51.100.5 sport=0 dport=50000 mask-src=255.255.255.255"
                + " mask-dst=255.255.255.255 sport=0 dport=65535 master-src=10.0.0.2 master-dst=198.51.100.5"
                + " sport=40000 dport=21 class=0 helper=ftp\n", gw.conntrack("-L", "expect"));

        var data = out("tcp 10.0.0.2:40001 > 198.51.100.5:50000 flags S");

        assertEquals(CtState.RELATED, data.conntrack().state());
        assertEquals("tcp 203.0.113.1:40001 > 198.51.100.5:50000 flags S", data.packet().toString());
        assertSame(control, data.conntrack().entry().master().orElseThrow());
        assertTrue(data.conntrack().entry().hasStatus(ConntrackStatus.EXPECTED | ConntrackStatus.SRC_NAT));
        assertEquals("", gw.conntrack("-L", "expect"), "the expectation is used up");
        assertEquals(2, gw.natTableSaw.size(), "only the control connection traversed the nat table");
    }

    @Test
    void activeModeRewritesPortAndMovesLaterSequenceNumbers() {
        login();
        var port = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 "
                + "data \"PORT 10,0,0,2,156,65\\r\\n\"");

        assertEquals("tcp 203.0.113.1:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 "
                + "data \"PORT 203,0,113,1,156,65\\r\\n\"", port.packet().toString());
        assertTrue(control.hasStatus(ConntrackStatus.SEQ_ADJUST));
        assertTrue(gw.conntrack("-L", "expect").startsWith("300 proto=6 src=198.51.100.5 dst=203.0.113.1 sport=0"
                + " dport=40001 "), gw.conntrack("-L", "expect"));

        // the server acknowledges the longer line; the client must see its own numbering
        var ok = in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5020 ack 1042 data \"200 ok\\r\\n\"");
        assertEquals(1039, ((TcpSegment) ok.packet().transport()).acknowledgment());
        var list = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1039 ack 5028 data \"LIST\\r\\n\"");
        assertEquals(1042, ((TcpSegment) list.packet().transport()).sequence());

        var data = in("tcp 198.51.100.5:20 > 203.0.113.1:40001 flags S seq 7000");
        assertEquals(CtState.RELATED, data.conntrack().state());
        assertEquals("tcp 198.51.100.5:20 > 10.0.0.2:40001 flags S seq 7000", data.packet().toString());
        assertTrue(data.conntrack().entry().hasStatus(ConntrackStatus.DST_NAT));
    }

    @Test
    void eprtAndEpsvAreRewrittenToo() {
        login();
        var eprt = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 "
                + "data \"EPRT |1|10.0.0.2|40001|\\r\\n\"");
        assertEquals("EPRT |1|203.0.113.1|40001|\r\n", payload(eprt));

        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5020 ack 1046 data \"200 ok\\r\\n\"");
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1043 ack 5028 data \"EPSV\\r\\n\"");
        var epsv = in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5028 ack 1052 "
                + "data \"229 Entering Extended Passive Mode (|||6446|)\\r\\n\"");
        assertEquals("229 Entering Extended Passive Mode (|||6446|)\r\n", payload(epsv));
        assertTrue(gw.conntrack("-L", "expect").contains("src=10.0.0.2 dst=198.51.100.5 sport=0 dport=6446 "),
                "one expectation per master: the EPSV one replaced the EPRT one\n" + gw.conntrack("-L", "expect"));
        assertEquals("1\n", gw.conntrack("-C", "expect"));
    }

    @Test
    void theFirstSegmentOfADirectionIsNeverSearched() {
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags S seq 1000");
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags SA seq 5000 ack 1001");
        var port = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1001 ack 5001 "
                + "data \"PORT 10,0,0,2,156,65\\r\\n\"");

        assertEquals("PORT 10,0,0,2,156,65\r\n", payload(port));
        assertEquals("", gw.conntrack("-L", "expect"));
    }

    @Test
    void aCommandCutShortIsDropped() {
        login();
        var partial = out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 data \"PORT 10,0,0\"");

        assertTrue(partial.dropped());
        assertEquals("nf_ct_ftp: dropping packet: partial matching of `PORT'", partial.reason());
    }

    @Test
    void withoutTheHelperRuleNothingIsExpectedUnlessAutomaticAssignmentIsOn() {
        gw.ftpHelperRule = false;
        login();
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 data \"PASV\\r\\n\"");
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5020 ack 1023 "
                + "data \"227 Entering Passive Mode (198,51,100,5,195,80).\\r\\n\"");
        assertEquals("", gw.conntrack("-L", "expect"));
        assertFalse(gw.conntrack().contains("helper=ftp"));

        gw.helpers.setAutomaticAssignment(true);
        out("tcp 10.0.0.2:40100 > 198.51.100.5:21 flags S seq 1000");
        assertTrue(gw.conntrack().contains("sport=40100 dport=21 [UNREPLIED] src=198.51.100.5 dst=203.0.113.1"
                + " sport=21 dport=40100 mark=0 helper=ftp use=1"), gw.conntrack());
    }

    @Test
    void expectationsExpireAfterFiveMinutesOnTheLabClock() {
        login();
        out("tcp 10.0.0.2:40000 > 198.51.100.5:21 flags PA seq 1017 ack 5020 data \"PASV\\r\\n\"");
        in("tcp 198.51.100.5:21 > 203.0.113.1:40000 flags PA seq 5020 ack 1023 "
                + "data \"227 Entering Passive Mode (198,51,100,5,195,80).\\r\\n\"");
        gw.advanceSeconds(299);
        assertTrue(gw.conntrack("-L", "expect").startsWith("1 proto=6 "), gw.conntrack("-L", "expect"));

        gw.advanceSeconds(1);
        assertEquals("", gw.conntrack("-L", "expect"));
        var late = out("tcp 10.0.0.2:40001 > 198.51.100.5:50000 flags S");
        assertEquals(CtState.NEW, late.conntrack().state());
    }

    @Test
    void aPortForwardedServersPassiveReplyAnnouncesThePublicAddress() {
        TestGateway forward = new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "192.168.1.1/24")
                .rule(Hook.PREROUTING, p -> p.destination().equals(Ipv4Address.parse("203.0.113.1"))
                        && p.transport() instanceof TcpSegment tcp && tcp.destinationPort() == 21
                        ? NatBindingTest.dnat("192.168.1.20", 21) : NatVerdict.ACCEPT);
        forward.ftpHelperRule = true;
        String client = "198.51.100.9";
        forward.forward("tcp 198.51.100.9:50000 > 203.0.113.1:21 flags S seq 1", "eth0", "eth1", "192.168.1.20");
        forward.forward("tcp 192.168.1.20:21 > 198.51.100.9:50000 flags SA seq 100 ack 2", "eth1", "eth0", client);
        forward.forward("tcp 198.51.100.9:50000 > 203.0.113.1:21 flags A seq 2 ack 101", "eth0", "eth1", "192.168.1.20");
        forward.forward("tcp 192.168.1.20:21 > 198.51.100.9:50000 flags PA seq 101 ack 2 data \"220 hi\\r\\n\"",
                "eth1", "eth0", client);
        forward.forward("tcp 198.51.100.9:50000 > 203.0.113.1:21 flags PA seq 2 ack 109 data \"PASV\\r\\n\"",
                "eth0", "eth1", "192.168.1.20");

        var reply = forward.forward("tcp 192.168.1.20:21 > 198.51.100.9:50000 flags PA seq 109 ack 8 "
                + "data \"227 Entering Passive Mode (192,168,1,20,39,16).\\r\\n\"", "eth1", "eth0", client);

        assertEquals("tcp 203.0.113.1:21 > 198.51.100.9:50000 flags PA seq 109 ack 8 "
                + "data \"227 Entering Passive Mode (203,0,113,1,39,16).\\r\\n\"", reply.packet().toString());
        var more = forward.forward("tcp 192.168.1.20:21 > 198.51.100.9:50000 flags PA seq 200 ack 8 data \"x\"",
                "eth1", "eth0", client);
        assertEquals(199, ((TcpSegment) more.packet().transport()).sequence(), "one byte shorter from now on");

        var data = forward.forward("tcp 198.51.100.9:50001 > 203.0.113.1:10000 flags S", "eth0", "eth1",
                "192.168.1.20");
        assertEquals(CtState.RELATED, data.conntrack().state());
        assertEquals("tcp 198.51.100.9:50001 > 192.168.1.20:10000 flags S", data.packet().toString());
    }

    private TestGateway.Passage out(String packet) {
        return gw.forward(packet, "eth1", "eth0", "198.51.100.5");
    }

    private TestGateway.Passage in(String packet) {
        return gw.forward(packet, "eth0", "eth1", "10.0.0.2");
    }

    private static String payload(TestGateway.Passage passage) {
        return new String(((TcpSegment) passage.packet().transport()).payload().bytes().toArray(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
