package io.nflab.conntrack;

import static io.nflab.conntrack.Flows.ACK;
import static io.nflab.conntrack.Flows.FIN_ACK;
import static io.nflab.conntrack.Flows.PSH_ACK;
import static io.nflab.conntrack.Flows.RST;
import static io.nflab.conntrack.Flows.RST_ACK;
import static io.nflab.conntrack.Flows.SYN;
import static io.nflab.conntrack.Flows.SYN_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TCP tracker's behaviour around its transition table: timeouts, ASSURED, pick-up, RST, reopening. */
class TcpTrackerTest {
    private final Flows flows = new Flows();

    @Test
    void handshakeDataAndCloseWithTheKernelsTimeouts() {
        assertEquals(CtState.NEW, flows.at(0).client(SYN).state());
        assertEquals("tcp      6 120 SYN_SENT src=10.99.1.2 dst=10.99.2.2 sport=40000 dport=80 [UNREPLIED] "
                + "src=10.99.2.2 dst=10.99.1.2 sport=80 dport=40000 mark=0 use=1", flows.line());
        ConntrackResult synAck = flows.at(0.1).server(SYN_ACK);
        assertEquals(CtState.ESTABLISHED, synAck.state());
        assertEquals(CtDirection.REPLY, synAck.direction());
        assertEquals(TcpState.SYN_RECV, flows.entry().tcpState().orElseThrow());
        assertEquals(60, flows.entry().remainingSeconds(flows.now));
        assertFalse(flows.entry().isAssured());

        flows.at(0.2).client(ACK);
        assertTrue(flows.entry().isAssured(), "the ACK answering SYN/ACK makes the entry ASSURED");
        assertEquals(432000, flows.entry().remainingSeconds(flows.now));

        flows.at(0.3).tcp(true, 40000, PSH_ACK, 100);
        assertEquals(300, flows.entry().remainingSeconds(flows.now), "unacknowledged data");
        flows.at(0.4).server(ACK);
        assertEquals(432000, flows.entry().remainingSeconds(flows.now));

        flows.at(1).client(FIN_ACK);
        assertEquals(TcpState.FIN_WAIT, flows.entry().tcpState().orElseThrow());
        assertEquals(120, flows.entry().remainingSeconds(flows.now));
        flows.at(1.1).server(FIN_ACK);
        assertEquals(TcpState.LAST_ACK, flows.entry().tcpState().orElseThrow());
        assertEquals(30, flows.entry().remainingSeconds(flows.now));
        flows.at(1.2).client(ACK);
        assertEquals(TcpState.TIME_WAIT, flows.entry().tcpState().orElseThrow());
        assertEquals(120, flows.entry().remainingSeconds(flows.now));

        assertEquals(1, flows.table.entries(121_199_999_999L).size());
        assertTrue(flows.table.entries(121_200_000_000L).isEmpty(), "gone once TIME_WAIT's two minutes are over");
    }

    @Test
    void retransmittedSynDoesNotRenewTheTimeout() {
        flows.at(0).client(SYN);
        flows.at(50).client(SYN);
        assertEquals(70, flows.entry().remainingSeconds(flows.now));
    }

    @Test
    void resetAsTheOnlyAnswerDeletesTheEntryAtOnce() {
        flows.at(0).client(SYN);
        ConntrackResult reset = flows.at(0.01).server(RST_ACK);
        assertEquals(CtState.ESTABLISHED, reset.state(), "the RST still belongs to the connection");
        assertTrue(flows.table.entries(flows.now).isEmpty());
    }

    @Test
    void resetOfAnEstablishedConnectionLeavesItInCloseForTenSeconds() {
        establish();
        flows.at(5).server(RST);
        assertEquals(TcpState.CLOSE, flows.entry().tcpState().orElseThrow());
        assertEquals(10, flows.entry().remainingSeconds(flows.now));
    }

    @Test
    void looseTrackingPicksUpAConnectionUnderWay() {
        ConntrackResult midStream = flows.at(0).tcp(true, 40000, PSH_ACK, 48);
        assertEquals(CtState.NEW, midStream.state());
        assertEquals(TcpState.ESTABLISHED, flows.entry().tcpState().orElseThrow());
        assertEquals(300, flows.entry().remainingSeconds(flows.now), "unreplied pick-ups get 300 s");
        flows.at(0.1).server(ACK);
        assertFalse(flows.entry().isAssured());
        flows.at(0.2).client(ACK);
        assertTrue(flows.entry().isAssured(), "a valid answer to a picked-up connection assures it");
        assertEquals(432000, flows.entry().remainingSeconds(flows.now));
    }

    @Test
    void withoutLooseTrackingOnlyASynStartsAConnection() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.TCP_LOOSE, 0));
        assertEquals(CtState.INVALID, flows.at(0).tcp(true, 40000, PSH_ACK, 48).state());
        assertTrue(flows.table.entries(0).isEmpty());
        assertEquals(CtState.NEW, flows.client(SYN).state());
    }

    @ParameterizedTest(name = "flags {0} are INVALID")
    @ValueSource(ints = {0, TcpFlagBits.FIN, TcpFlagBits.SYN | TcpFlagBits.FIN, TcpFlagBits.SYN | TcpFlagBits.RST,
        TcpFlagBits.PSH, TcpFlagBits.URG, TcpFlagBits.FIN | TcpFlagBits.PSH | TcpFlagBits.URG})
    void invalidFlagCombinations(int flags) {
        assertEquals(CtState.INVALID, flows.at(0).client(flags).state());
        assertTrue(flows.table.entries(0).isEmpty());
    }

    @Test
    void pshEceAndCwrDoNotMatter() {
        int ecnSyn = TcpFlagBits.SYN | TcpFlagBits.ECE | TcpFlagBits.CWR;
        assertEquals(CtState.NEW, flows.at(0).client(ecnSyn).state());
    }

    @Test
    void onlyASynOrAnAckMayOpen() {
        assertEquals(CtState.INVALID, flows.at(0).client(SYN_ACK).state());
        assertEquals(CtState.INVALID, flows.client(FIN_ACK).state());
        assertEquals(CtState.INVALID, flows.client(RST).state());
    }

    @Test
    void simultaneousOpen() {
        flows.at(0).client(SYN);
        flows.at(0.01).server(SYN);
        assertEquals(TcpState.SYN_SENT2, flows.entry().tcpState().orElseThrow());
        flows.at(0.02).server(SYN_ACK);
        flows.at(0.03).client(SYN_ACK);
        assertEquals(TcpState.SYN_RECV, flows.entry().tcpState().orElseThrow());
        flows.at(0.04).server(ACK);
        assertEquals(TcpState.ESTABLISHED, flows.entry().tcpState().orElseThrow(),
                "in a simultaneous open the reply direction's ACK establishes");
        assertTrue(flows.entry().isAssured());
    }

    @Test
    void synAfterTheCloseReopensTheConnection() {
        establish();
        flows.at(1).client(FIN_ACK);
        flows.server(FIN_ACK);
        flows.client(ACK);
        ConntrackEntry old = flows.entry();
        ConntrackResult reopen = flows.at(2).client(SYN);
        assertEquals(CtState.NEW, reopen.state());
        assertTrue(old.hasStatus(ConntrackStatus.DYING));
        assertEquals(TcpState.SYN_SENT, flows.entry().tcpState().orElseThrow());
        assertFalse(flows.entry().seenReply());
    }

    @Test
    void synInAnEstablishedConnectionIsIgnoredAndItsSynAckResynchronises() {
        establish();
        ConntrackResult syn = flows.at(5).client(SYN);
        assertEquals(CtState.ESTABLISHED, syn.state(), "ignored, but part of the connection");
        assertEquals(TcpState.ESTABLISHED, flows.entry().tcpState().orElseThrow());
        assertEquals(431995, flows.entry().remainingSeconds(flows.now), "ignored packets do not refresh");
        flows.at(5.1).server(SYN_ACK);
        assertEquals(TcpState.SYN_RECV, flows.entry().tcpState().orElseThrow(),
                "the SYN/ACK answers the ignored SYN: conntrack follows the new handshake");
    }

    @Test
    void challengeAckInLastAckIsNotTheLastAck() {
        establish();
        flows.at(1).client(FIN_ACK);
        flows.server(FIN_ACK);
        assertEquals(TcpState.LAST_ACK, flows.entry().tcpState().orElseThrow());
        flows.at(2).client(SYN); // ignored in LAST_ACK, the server may answer with a challenge ACK
        flows.at(2.1).server(ACK);
        assertEquals(TcpState.LAST_ACK, flows.entry().tcpState().orElseThrow());
        flows.at(3).client(ACK);
        assertEquals(TcpState.TIME_WAIT, flows.entry().tcpState().orElseThrow());
    }

    @Test
    void countersFollowTheDirections() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.ACCT, 1));
        establish();
        flows.at(1).tcp(true, 40000, PSH_ACK, 60);
        ConntrackEntry entry = flows.entry();
        assertEquals(3, entry.packets(CtDirection.ORIGINAL));
        assertEquals(40 + 40 + 100, entry.bytes(CtDirection.ORIGINAL));
        assertEquals(1, entry.packets(CtDirection.REPLY));
        assertEquals(40, entry.bytes(CtDirection.REPLY));
    }

    private void establish() {
        flows.at(0).client(SYN);
        flows.at(0.001).server(SYN_ACK);
        flows.at(0.002).client(ACK);
    }
}
