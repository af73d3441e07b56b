package io.nflab.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** UDP, ICMP (including errors RELATED to what they quote), GRE and the generic tracker. */
class OtherTrackersTest {
    private static final int A = ProbeScenario.A;
    private static final int B = ProbeScenario.B;
    private final Flows flows = new Flows();

    @Test
    void udpAnsweredAtOnceStaysShortAndUnassured() {
        assertEquals(CtState.NEW, flows.at(0).udp(true, 5353, 40).state());
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
        assertEquals(CtState.ESTABLISHED, flows.at(0.05).udp(false, 5353, 100).state());
        assertTrue(flows.entry().seenReply());
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
        flows.at(1).udp(true, 5353, 40);
        assertFalse(flows.entry().isAssured(), "not a stream within its first two seconds");
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
    }

    @Test
    void udpStillTalkingAfterTwoSecondsBecomesAnAssuredStream() {
        flows.at(0).udp(true, 6000, 10);
        flows.at(0.1).udp(false, 6000, 10);
        flows.at(2.5).udp(true, 6000, 10);
        assertTrue(flows.entry().isAssured());
        assertEquals(120, flows.entry().remainingSeconds(flows.now));
    }

    @Test
    void udpUnansweredExpiresAfterThirtySeconds() {
        flows.at(0).udp(true, 7000, 1);
        assertEquals(1, flows.table.count(29_999_999_999L));
        assertEquals(0, flows.table.count(30_000_000_000L));
    }

    @Test
    void pingIsTrackedByIdAndNeverAssured() {
        assertEquals(CtState.NEW, flows.at(0).send(ConntrackPacket.icmp(A, B, 8, 0, 4242, 84)).state());
        ConntrackResult reply = flows.at(0.01).send(ConntrackPacket.icmp(B, A, 0, 0, 4242, 84));
        assertEquals(CtState.ESTABLISHED, reply.state());
        assertEquals(CtDirection.REPLY, reply.direction());
        assertFalse(flows.entry().isAssured());
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
        assertEquals(CtState.NEW, flows.send(ConntrackPacket.icmp(A, B, 8, 0, 4243, 84)).state(), "another id");
    }

    @Test
    void icmpRepliesAndNonRequestsCannotOpen() {
        assertEquals(CtState.INVALID, flows.at(0).send(ConntrackPacket.icmp(B, A, 0, 0, 1, 84)).state());
        assertEquals(CtState.INVALID, flows.send(ConntrackPacket.icmp(B, A, 9, 0, 0, 28)).state(),
                "router advertisement has no reply type");
        assertEquals(CtState.INVALID, flows.send(ConntrackPacket.icmp(B, A, 40, 0, 0, 28)).state(),
                "types above 18 are unknown");
        assertTrue(flows.table.entries(0).isEmpty());
        assertEquals(2, flows.table.stats().invalid());
        assertEquals(1, flows.table.stats().error());
    }

    @Test
    void icmpErrorIsRelatedToTheConnectionItQuotes() {
        flows.at(0).udp(true, 7000, 5);
        ConntrackTuple quoted = ConntrackTuple.of(Protocols.UDP, A, B, 7000, 53);
        ConntrackResult unreachable = flows.send(ConntrackPacket.icmpError(B, A, 3, 3, quoted, 56));
        assertEquals(CtState.RELATED, unreachable.state());
        assertEquals(CtDirection.REPLY, unreachable.direction());
        assertSame(flows.entry(), unreachable.entry());
        assertFalse(flows.entry().seenReply(), "an ICMP error is not a reply");
    }

    @Test
    void icmpErrorTravellingTheOriginalWayIsRelatedToo() {
        flows.at(0).udp(true, 7000, 5);
        flows.udp(false, 7000, 5);
        ConntrackTuple quoted = ConntrackTuple.of(Protocols.UDP, B, A, 53, 7000);
        ConntrackResult error = flows.send(ConntrackPacket.icmpError(A, B, 3, 3, quoted, 56));
        assertEquals(CtState.RELATED, error.state());
        assertEquals(CtDirection.ORIGINAL, error.direction());
    }

    @Test
    void icmpErrorQuotingAPingIsRelatedToIt() {
        flows.at(0).send(ConntrackPacket.icmp(A, B, 8, 0, 99, 84));
        ConntrackTuple quotedEcho = ConntrackTuple.of(Protocols.ICMP, A, B, 99, 8 << 8);
        ConntrackResult exceeded = flows.send(ConntrackPacket.icmpError(B, A, 11, 0, quotedEcho, 112));
        assertEquals(CtState.RELATED, exceeded.state());
    }

    @Test
    void icmpErrorAboutNothingOrToTheWrongHostIsInvalid() {
        flows.at(0).udp(true, 7000, 5);
        ConntrackTuple unknown = ConntrackTuple.of(Protocols.UDP, A, B, 7001, 53);
        assertEquals(CtState.INVALID, flows.send(ConntrackPacket.icmpError(B, A, 3, 3, unknown, 56)).state());
        ConntrackTuple known = ConntrackTuple.of(Protocols.UDP, A, B, 7000, 53);
        int elsewhere = A + 1;
        assertEquals(CtState.INVALID, flows.send(ConntrackPacket.icmpError(B, elsewhere, 3, 3, known, 56)).state(),
                "the error must go where the connection's packets go");
        assertEquals(2, flows.table.stats().error());
    }

    @Test
    void greWaitsThirtySecondsForAReplyThenKeepsTheStreamForThreeMinutes() {
        flows.at(0).send(ConntrackPacket.addressesOnly(Protocols.GRE, A, B, 100));
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
        flows.at(1).send(ConntrackPacket.addressesOnly(Protocols.GRE, B, A, 100));
        assertEquals(30, flows.entry().remainingSeconds(flows.now), "the reply itself finds no reply seen yet");
        assertFalse(flows.entry().isAssured());
        flows.at(2).send(ConntrackPacket.addressesOnly(Protocols.GRE, A, B, 100));
        assertEquals(180, flows.entry().remainingSeconds(flows.now));
        assertTrue(flows.entry().isAssured());
        assertEquals("ipv4     2 gre      47 180 timeout=30, stream_timeout=180 src=10.99.1.2 dst=10.99.2.2 srckey=0x0 "
                + "dstkey=0x0 src=10.99.2.2 dst=10.99.1.2 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 zone=0 use=2\n",
                ConntrackFormat.procLine(flows.entry(), flows.now));
    }

    @Test
    void otherProtocolsGetTheGenericTenMinutes() {
        flows.at(0).send(ConntrackPacket.addressesOnly(50, A, B, 100));
        flows.at(1).send(ConntrackPacket.addressesOnly(50, B, A, 100));
        assertEquals(600, flows.entry().remainingSeconds(flows.now));
        assertFalse(flows.entry().isAssured());
        assertTrue(flows.entry().seenReply());
    }

    @Test
    void timeoutsComeFromTheSysctls() {
        flows.table.setSettings(flows.table.settings().with("net.netfilter.nf_conntrack_udp_timeout", "5")
                .with("net.netfilter.nf_conntrack_generic_timeout", "7"));
        flows.at(0).udp(true, 1, 1);
        flows.send(ConntrackPacket.addressesOnly(50, A, B, 20));
        var entries = flows.table.entries(0);
        assertEquals(5, entries.get(0).remainingSeconds(0));
        assertEquals(7, entries.get(1).remainingSeconds(0));
    }
}
