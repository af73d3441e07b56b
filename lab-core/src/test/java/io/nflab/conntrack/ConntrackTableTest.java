package io.nflab.conntrack;

import static io.nflab.conntrack.Flows.ACK;
import static io.nflab.conntrack.Flows.SYN;
import static io.nflab.conntrack.Flows.SYN_ACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.diagnostics.UserInputException;
import org.junit.jupiter.api.Test;

/** The table around the trackers: lookups, confirmation, expiry, the table-full policy, NAT bindings, zones. */
class ConntrackTableTest {
    private static final int A = ProbeScenario.A;
    private static final int B = ProbeScenario.B;
    private static final ConntrackTuple ORIGINAL = ConntrackTuple.of(6, A, B, 40000, 80);
    private final Flows flows = new Flows();

    @Test
    void findsAConnectionByEitherTuple() {
        flows.at(0).client(SYN);
        TupleMatch original = flows.table.find(ORIGINAL, 0, 0).orElseThrow();
        assertEquals(CtDirection.ORIGINAL, original.direction());
        TupleMatch reply = flows.table.find(ORIGINAL.invert().orElseThrow(), 0, 0).orElseThrow();
        assertEquals(CtDirection.REPLY, reply.direction());
        assertSame(original.entry(), reply.entry());
        assertTrue(flows.table.find(ConntrackTuple.of(6, A, B, 40001, 80), 0, 0).isEmpty());
    }

    @Test
    void aNewConnectionEntersTheTableOnlyWhenConfirmed() {
        ConntrackPacket syn = ConntrackPacket.tcp(A, B, 40000, 80, SYN, 0, 60);
        ConntrackResult result = flows.table.track(syn, 0);
        assertEquals(CtState.NEW, result.state());
        assertFalse(result.entry().isConfirmed());
        assertEquals(0, flows.table.count(0), "not confirmed: not in the table");
        ConntrackResult again = flows.table.track(syn, 0);
        assertEquals(CtState.NEW, again.state(), "a dropped first packet leaves nothing behind");
        assertTrue(flows.table.confirm(again, 0));
        assertTrue(again.entry().isConfirmed());
        assertEquals(1, again.entry().id());
        assertEquals(1, flows.table.count(0));
    }

    @Test
    void repliesNeverConfirmAnything() {
        flows.at(0).client(SYN);
        ConntrackResult reply = flows.table.track(ConntrackPacket.tcp(B, A, 80, 40000, SYN_ACK, 0, 60), 1);
        assertTrue(flows.table.confirm(reply, 1));
        assertEquals(1, flows.table.count(1));
    }

    @Test
    void expiredEntriesVanishOnLookupAndOnAdvance() {
        flows.at(0).udp(true, 1000, 1);
        flows.at(0).udp(true, 1001, 1);
        assertEquals(2, flows.table.count(0));
        assertTrue(flows.table.find(ConntrackTuple.of(17, A, B, 1000, 53), 0, 30 * Flows.SECOND).isEmpty());
        flows.table.advanceTo(29 * Flows.SECOND);
        assertEquals(1, flows.table.count(29 * Flows.SECOND), "the other one is still there");
        flows.table.advanceTo(30 * Flows.SECOND);
        assertEquals(0, flows.table.count(30 * Flows.SECOND));
    }

    @Test
    void aPacketForAnExpiredConnectionStartsANewOne() {
        flows.at(0).udp(true, 1000, 1);
        flows.at(1).udp(false, 1000, 1);
        ConntrackResult late = flows.at(40).udp(false, 1000, 1);
        assertEquals(CtState.NEW, late.state(), "the server's packet now opens a connection of its own");
        assertEquals(B, late.entry().original().srcBits());
    }

    @Test
    void fullTableEvictsAnUnassuredEntry() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.MAX, 2));
        flows.at(0).udp(true, 1, 1);
        flows.at(0).udp(true, 2, 1);
        ConntrackResult third = flows.at(1).udp(true, 3, 1);
        assertEquals(CtState.NEW, third.state());
        assertEquals(2, flows.table.count(1));
        assertEquals(1, flows.table.stats().earlyDrop());
    }

    @Test
    void fullTableOfAssuredEntriesDropsTheNewPacket() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.MAX, 1));
        flows.at(0).client(SYN);
        flows.server(SYN_ACK);
        flows.client(ACK);
        ConntrackResult refused = flows.at(1).tcp(true, 40001, SYN, 0);
        assertTrue(refused.dropped());
        assertEquals(ConntrackTable.TABLE_FULL, refused.reason());
        assertEquals("nf_conntrack: table full, dropping packet", refused.reason());
        assertEquals(1, flows.table.count(1));
        assertEquals(1, flows.table.stats().drop());
    }

    @Test
    void fullTableMakesRoomFromExpiredEntriesFirst() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.MAX, 1));
        flows.at(0).client(SYN);
        flows.server(SYN_ACK);
        flows.client(ACK);
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.TCP_TIMEOUT_ESTABLISHED, 5));
        flows.client(ACK);
        assertFalse(flows.at(6).tcp(true, 40001, SYN, 0).dropped());
    }

    @Test
    void maxZeroMeansNoLimit() {
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.MAX, 0));
        for (int port = 1; port <= 50; port++) {
            flows.at(0).udp(true, port, 1);
        }
        assertEquals(50, flows.table.count(0));
    }

    @Test
    void zonesKeepIdenticalTuplesApart() {
        flows.at(0).send(ConntrackPacket.udp(A, B, 1, 53, 30));
        ConntrackResult zoned = flows.send(ConntrackPacket.udp(A, B, 1, 53, 30).inZone(7));
        assertEquals(CtState.NEW, zoned.state());
        assertEquals(7, zoned.entry().zone());
        assertEquals(2, flows.table.count(0));
        assertTrue(flows.table.find(ConntrackTuple.of(17, A, B, 1, 53), 7, 0).isPresent());
    }

    @Test
    void natBindingChangesTheReplyTupleBeforeConfirmation() {
        int masquerade = Ipv4Address.parse("198.51.100.1").bits();
        ConntrackResult first = flows.table.track(ConntrackPacket.tcp(A, B, 40000, 80, SYN, 0, 60), 0);
        ConntrackTuple reply = first.entry().reply().withDestination(Ipv4Address.of(masquerade), 61000);
        assertFalse(flows.table.isTupleTaken(reply, 0, first.entry(), 0));
        flows.table.alterReply(first.entry(), reply);
        first.entry().addStatus(ConntrackStatus.SRC_NAT | ConntrackStatus.SRC_NAT_DONE);
        flows.table.confirm(first, 0);

        ConntrackResult answer = flows.table.track(ConntrackPacket.tcp(B, masquerade, 80, 61000, SYN_ACK, 0, 60), 1);
        assertEquals(CtDirection.REPLY, answer.direction());
        assertSame(first.entry(), answer.entry());
        assertTrue(flows.table.isTupleTaken(reply, 0, null, 1));
        assertTrue(flows.table.find(ConntrackTuple.of(6, B, A, 80, 40000), 0, 1).isEmpty(),
                "the unNATed reply tuple is no longer the connection's");
        assertThrows(IllegalStateException.class, () -> flows.table.alterReply(first.entry(), reply));
    }

    @Test
    void twoConnectionsMayNotBindTheSameReplyTuple() {
        ConntrackResult one = flows.table.track(ConntrackPacket.udp(A, B, 1000, 53, 30), 0);
        ConntrackResult two = flows.table.track(ConntrackPacket.udp(A + 1, B, 1000, 53, 30), 0);
        ConntrackTuple shared = ConntrackTuple.of(17, B, A + 5, 53, 2000);
        flows.table.alterReply(one.entry(), shared);
        flows.table.alterReply(two.entry(), shared);
        assertTrue(flows.table.confirm(one, 0));
        assertFalse(flows.table.confirm(two, 0), "the kernel drops the packet whose entry clashes");
        assertEquals(1, flows.table.stats().insertFailed());
    }

    @Test
    void deleteAndFlush() {
        flows.at(0).udp(true, 1, 1);
        flows.at(0).udp(true, 2, 1);
        ConntrackEntry first = flows.table.entries(0).get(0);
        assertTrue(flows.table.delete(first));
        assertFalse(flows.table.delete(first));
        assertTrue(first.hasStatus(ConntrackStatus.DYING));
        assertEquals(1, flows.table.flush());
        assertEquals(0, flows.table.count(0));
        assertEquals(CtState.NEW, flows.udp(true, 2, 1).state());
    }

    @Test
    void answersToAPacketAreRelatedTheOtherWay() {
        ConntrackResult syn = flows.at(0).client(SYN);
        ConntrackResult rst = syn.answer().orElseThrow();
        assertEquals(CtState.RELATED, rst.state());
        assertEquals(CtDirection.REPLY, rst.direction());
        assertSame(syn.entry(), rst.entry());
        assertTrue(ConntrackResult.UNTRACKED.answer().isEmpty());
        assertNull(ConntrackResult.UNTRACKED.entry());
    }

    @Test
    void markStaysWithTheConnection() {
        flows.at(0).client(SYN).entry().setMark(0x42);
        assertEquals(0x42, flows.server(SYN_ACK).entry().mark());
    }

    @Test
    void sysctlsAreValidatedLikeTheKernel() {
        ConntrackSettings settings = ConntrackSettings.defaults();
        assertEquals(432000, settings.get(ConntrackSysctl.TCP_TIMEOUT_ESTABLISHED));
        assertEquals(1, settings.with("net.netfilter.nf_conntrack_tcp_loose", " 1 ").get(ConntrackSysctl.TCP_LOOSE));
        assertEquals("sysctl: setting key \"net.netfilter.nf_conntrack_tcp_loose\": Invalid argument",
                assertThrows(UserInputException.class,
                        () -> settings.with("net.netfilter.nf_conntrack_tcp_loose", "2")).getMessage());
        assertEquals("sysctl: setting key \"net.netfilter.nf_conntrack_udp_timeout\": Invalid argument",
                assertThrows(UserInputException.class,
                        () -> settings.with("net.netfilter.nf_conntrack_udp_timeout", "ten")).getMessage());
        assertEquals("sysctl: cannot stat /proc/sys/net/netfilter/nf_conntrack_nope: No such file or directory",
                assertThrows(UserInputException.class,
                        () -> settings.with("net.netfilter.nf_conntrack_nope", "1")).getMessage());
        assertEquals(300, settings.with("net/netfilter/nf_conntrack_tcp_timeout_close", "300")
                .get(ConntrackSysctl.TCP_TIMEOUT_CLOSE));
    }

    @Test
    void sysctlValuesIncludeTheCount() {
        flows.at(0).udp(true, 1, 1);
        assertEquals(1L, flows.table.sysctl("net.netfilter.nf_conntrack_count", 0).orElseThrow());
        assertEquals(262144L, flows.table.sysctl("net.netfilter.nf_conntrack_max", 0).orElseThrow());
        assertTrue(flows.table.sysctl("net.netfilter.nf_conntrack_frag6_timeout", 0).isEmpty());
    }

    @Test
    void countersExistOnlyForEntriesMadeWhileAccountingWasOn() {
        flows.at(0).udp(true, 1, 1);
        flows.table.setSettings(flows.table.settings().with(ConntrackSysctl.ACCT, 1));
        flows.at(0).udp(true, 2, 1);
        var entries = flows.table.entries(0);
        assertFalse(entries.get(0).hasCounters());
        assertTrue(entries.get(1).hasCounters());
    }
}
