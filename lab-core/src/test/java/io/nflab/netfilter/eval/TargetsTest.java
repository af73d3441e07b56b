package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.CtState;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.packet.PacketMeta;
import io.nflab.packet.PacketText;
import org.junit.jupiter.api.Test;

/** What each target does: verdicts, the decisions that carry REJECT and NAT, and the rewrites. */
class TargetsTest {
    private static final String SYN = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S";

    private final RecordingLog log = new RecordingLog();

    private Decision run(TableKind table, Hook hook, PacketContext packet, String... commands) {
        Netfilter netfilter = Rulesets.of(commands);
        return new NetfilterEngine(netfilter, EngineEnvironment.standalone().withLog(log))
                .evaluate(table, hook, packet);
    }

    private static PacketContext in(String packet) {
        return PacketContext.of(PacketText.parse(packet)).interfaces("eth0", "");
    }

    @Test
    void rejectCarriesTheReplyType() {
        Decision decision = run(TableKind.FILTER, Hook.INPUT, in(SYN), "-A INPUT -p tcp -j REJECT --reject-with tcp-reset");
        assertEquals(Decision.Kind.REJECT, decision.kind());
        assertFalse(decision.continues());
        assertEquals(RejectTarget.RejectWith.TCP_RESET, ((RejectTarget) decision.target()).with());
        Decision icmp = run(TableKind.FILTER, Hook.INPUT, in(SYN), "-A INPUT -j REJECT");
        assertEquals(RejectTarget.RejectWith.ICMP_PORT_UNREACHABLE, ((RejectTarget) icmp.target()).with());
    }

    @Test
    void natTargetsAreRequestsForTheNatLayer() {
        Decision dnat = run(TableKind.NAT, Hook.PREROUTING, in("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S"),
                "-t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 192.168.1.2:8080");
        assertEquals(Decision.Kind.NAT, dnat.kind());
        assertTrue(dnat.continues());
        NatTarget target = assertInstanceOf(NatTarget.class, dnat.target());
        assertEquals(NatTarget.Kind.DNAT, target.kind());
        assertEquals(Ipv4Address.parse("192.168.1.2"), target.range().minAddress());
        assertEquals(8080, target.range().minPort());

        PacketContext leaving = PacketContext.of(PacketText.parse(SYN)).interfaces("", "eth0");
        assertInstanceOf(MasqueradeTarget.class, run(TableKind.NAT, Hook.POSTROUTING, leaving,
                "-t nat -A POSTROUTING -o eth0 -j MASQUERADE").target());
        assertInstanceOf(RedirectTarget.class, run(TableKind.NAT, Hook.PREROUTING, in(SYN),
                "-t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 2222").target());
        Decision none = run(TableKind.NAT, Hook.POSTROUTING, leaving, "-t nat -A POSTROUTING -o eth1 -j MASQUERADE");
        assertEquals(Decision.Kind.ACCEPT, none.kind());
        assertEquals(Place.Step.POLICY, none.place().step());
    }

    @Test
    void markForms() {
        assertEquals(0x1234, mark(0, "-j MARK --set-mark 0x1234"));
        assertEquals(0xff12, mark(0xff00, "-j MARK --set-xmark 0x12/0xff"));
        assertEquals(0x0f, mark(0xff, "-j MARK --and-mark 0x0f"));
        assertEquals(0xf1, mark(0xf0, "-j MARK --or-mark 0x1"));
        assertEquals(0xf0, mark(0xff, "-j MARK --xor-mark 0x0f"));
        assertEquals(0x1f, mark(0x1f, "-j MARK --set-mark 0x10/0xf0"), "zeroes the mask bits, then xors the value");
    }

    private long mark(long initial, String target) {
        PacketContext packet = in(SYN).mark(initial);
        run(TableKind.MANGLE, Hook.PREROUTING, packet, "-t mangle -A PREROUTING " + target);
        return packet.mark();
    }

    @Test
    void connmarkSetSaveRestore() {
        TestConntrack ct = TestConntrack.of(CtState.ESTABLISHED);
        ct.mark = 0xff00;
        run(TableKind.MANGLE, Hook.PREROUTING, in(SYN).conntrack(ct),
                "-t mangle -A PREROUTING -j CONNMARK --set-mark 0x5/0xf");
        assertEquals(0xff05, ct.mark);

        PacketContext saving = in(SYN).conntrack(ct).mark(0x1234);
        run(TableKind.MANGLE, Hook.PREROUTING, saving, "-t mangle -A PREROUTING -j CONNMARK --save-mark --mask 0xff");
        assertEquals(0xff34, ct.mark);

        PacketContext restoring = in(SYN).conntrack(ct).mark(0xabcd0000L);
        run(TableKind.MANGLE, Hook.PREROUTING, restoring,
                "-t mangle -A PREROUTING -j CONNMARK --restore-mark --nfmask 0xffff --ctmask 0xff00");
        assertEquals(0xabcdff00L, restoring.mark());

        PacketContext untracked = in(SYN).mark(3);
        run(TableKind.MANGLE, Hook.PREROUTING, untracked, "-t mangle -A PREROUTING -j CONNMARK --restore-mark");
        assertEquals(3, untracked.mark(), "no entry, no effect");
    }

    @Test
    void tosTtlAndDscpRewriteThePacket() {
        PacketContext packet = in("tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S tos 0x03 ttl 10");
        run(TableKind.MANGLE, Hook.PREROUTING, packet, "-t mangle -A PREROUTING -j TOS --set-tos 0x10",
                "-t mangle -A PREROUTING -j TTL --ttl-dec 3", "-t mangle -A PREROUTING -m ttl --ttl-eq 7 -j TTL --ttl-inc 250");
        assertEquals(0x10, packet.packet().tos());
        assertEquals(255, packet.packet().ttl());

        PacketContext dscp = in("tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S tos 0x03 ttl 1");
        run(TableKind.MANGLE, Hook.PREROUTING, dscp, "-t mangle -A PREROUTING -j DSCP --set-dscp-class EF",
                "-t mangle -A PREROUTING -j TTL --ttl-dec 5", "-t mangle -A PREROUTING -m dscp --dscp 46 -j TTL --ttl-set 9");
        assertEquals(46 << 2 | 3, dscp.packet().tos());
        assertEquals(9, dscp.packet().ttl());
    }

    @Test
    void laterRulesSeeTheRewrittenPacket() {
        PacketContext packet = in(SYN);
        Decision decision = run(TableKind.MANGLE, Hook.PREROUTING, packet,
                "-t mangle -A PREROUTING -j TOS --set-tos 0x08", "-t mangle -A PREROUTING -m tos --tos 0x08 -j DROP");
        assertEquals(Decision.Kind.DROP, decision.kind());
    }

    @Test
    void notrackAndCtAskConntrackOnlyOnce() {
        PacketContext notrack = in(SYN);
        Decision decision = run(TableKind.RAW, Hook.PREROUTING, notrack, "-t raw -A PREROUTING -j NOTRACK",
                "-t raw -A PREROUTING -j CT --zone 5", "-t raw -A PREROUTING -m state --state UNTRACKED -j DROP");
        assertTrue(notrack.notrackRequested());
        assertTrue(notrack.conntrackTemplate().isEmpty(), "the first CT/NOTRACK wins");
        assertEquals(Decision.Kind.DROP, decision.kind(), "later rules see the packet untracked");

        PacketContext zoned = in(SYN);
        run(TableKind.RAW, Hook.PREROUTING, zoned, "-t raw -A PREROUTING -j CT --zone 5 --helper ftp");
        assertFalse(zoned.notrackRequested());
        CtTarget template = zoned.conntrackTemplate().orElseThrow();
        assertEquals(5, template.zone());
        assertEquals("ftp", template.helper());

        PacketContext notrackCt = in(SYN);
        run(TableKind.RAW, Hook.PREROUTING, notrackCt, "-t raw -A PREROUTING -j CT --notrack");
        assertTrue(notrackCt.notrackRequested());

        PacketContext tracked = in(SYN).conntrack(TestConntrack.of(CtState.ESTABLISHED));
        run(TableKind.RAW, Hook.OUTPUT, tracked, "-t raw -A OUTPUT -j NOTRACK");
        assertFalse(tracked.notrackRequested(), "a packet that already has an entry (loopback) is left alone");
    }

    @Test
    void aCtTemplateIsUsedUpByConntrackSoLaterChainsSeeTheConnectionsState() {
        PacketContext packet = in(SYN);
        run(TableKind.RAW, Hook.PREROUTING, packet, "-t raw -A PREROUTING -j CT --helper ftp");
        Decision inRaw = run(TableKind.RAW, Hook.PREROUTING, packet,
                "-t raw -A PREROUTING -m conntrack --ctstate NEW -j DROP");
        assertEquals(Decision.Kind.DROP, inRaw.kind(), "in raw, after CT, the template is NEW");

        packet.conntrack(TestConntrack.of(CtState.ESTABLISHED));
        assertTrue(packet.conntrackTemplate().isEmpty());
        Decision inFilter = run(TableKind.FILTER, Hook.FORWARD, packet,
                "-A FORWARD -m conntrack --ctstate NEW -j DROP", "-A FORWARD -m conntrack --ctstate ESTABLISHED -j REJECT");
        assertEquals(Decision.Kind.REJECT, inFilter.kind(), "an established connection's packet is ESTABLISHED in FORWARD");
    }

    @Test
    void logWritesTheLineAtItsLevelAndContinues() {
        Decision decision = run(TableKind.FILTER, Hook.INPUT, in(SYN),
                "-A INPUT -j LOG --log-prefix \"fw: \" --log-level 6", "-A INPUT -j DROP");
        assertEquals(Decision.Kind.DROP, decision.kind());
        assertEquals(1, log.lines.size());
        assertEquals(6, log.levels.get(0));
        assertTrue(log.lines.get(0).startsWith("fw: IN=eth0 OUT= MAC= SRC=10.0.0.2 DST=10.0.0.1 LEN=40 "),
                log.lines.get(0));
    }

    @Test
    void traceTurnsTracingOn() {
        PacketContext packet = in(SYN);
        run(TableKind.RAW, Hook.PREROUTING, packet, "-t raw -A PREROUTING -p tcp -j TRACE");
        assertTrue(packet.traced());
        assertEquals(1, log.traces.size(), "the TRACE rule itself is not traced, the policy after it is");
    }

    @Test
    void theResultsGoBackIntoThePacketMeta() {
        PacketContext packet = new PacketContext().reset(PacketText.parse(SYN),
                new PacketMeta(0, "eth0", "", 0, 0), 0);
        run(TableKind.MANGLE, Hook.PREROUTING, packet, "-t mangle -A PREROUTING -j MARK --set-mark 9");
        PacketMeta meta = packet.applyTo(new PacketMeta(0, "eth0", "", 0, 0));
        assertEquals(9, meta.mark());
    }
}
