package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.CtState;
import io.nflab.packet.PacketText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** limit, recent and connlimit on a manual lab clock. */
class StatefulMatchesTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String PING = "icmp 10.0.0.2 > 10.0.0.1 echo-request id 1 seq 1";

    private NetfilterEngine engine;

    private void ruleset(EngineEnvironment environment, String... commands) {
        engine = new NetfilterEngine(Rulesets.of(commands), environment);
    }

    private void ruleset(String... commands) {
        ruleset(EngineEnvironment.standalone(), commands);
    }

    private boolean accepted(String packet, long now) {
        return accepted(PacketContext.of(PacketText.parse(packet)).interfaces("eth0", "").now(now));
    }

    private boolean accepted(PacketContext packet) {
        return engine.evaluate(TableKind.FILTER, Hook.INPUT, packet).kind() == Decision.Kind.ACCEPT;
    }

    /** How many of {@code count} pings sent at {@code now} get through. */
    private int passing(int count, long now) {
        int passed = 0;
        for (int i = 0; i < count; i++) {
            passed += accepted(PING, now) ? 1 : 0;
        }
        return passed;
    }

    @Test
    void nftLimitLetsTheBurstThroughThenOnePacketPerInterval() {
        ruleset("-P INPUT DROP", "-A INPUT -p icmp -m limit --limit 3/min --limit-burst 5 -j ACCEPT");
        assertEquals(5, passing(10, 0));
        assertFalse(accepted(PING, 20 * SECOND - 1), "one nanosecond short of the 20 s a packet costs");
        assertTrue(accepted(PING, 20 * SECOND));
        assertFalse(accepted(PING, 20 * SECOND));
        assertEquals(5, passing(10, 3600 * SECOND), "the bucket refills up to the burst only");
    }

    @Test
    void nftLimitUsesTheRateIptablesNftInstalls() {
        // 7/hour: avg 5142857 units of 1/10000 s; iptables-nft installs rate 7 per 3600 s: 514285714285 ns a packet.
        ruleset("-P INPUT DROP", "-A INPUT -m limit --limit 7/hour --limit-burst 1 -j ACCEPT");
        assertEquals(1, passing(2, 0));
        assertFalse(accepted(PING, 514_285_714_284L));
        assertTrue(accepted(PING, 514_285_714_285L));
    }

    @Test
    void theBucketStartsFullWhenTheRuleFirstSeesAPacket() {
        ruleset("-P INPUT DROP", "-A INPUT -m limit --limit 1/second --limit-burst 2 -j ACCEPT");
        assertEquals(2, passing(3, 1_000 * SECOND));
        assertEquals(1, passing(3, 1_001 * SECOND));
    }

    @Test
    void xtLimitCountsCreditsPerJiffy() {
        // 3/min: a packet costs 640000 credits; 128 credits a jiffy at HZ 250: 5000 jiffies = 20 s.
        ruleset(EngineEnvironment.standalone().withLimitAlgorithm(LimitAlgorithm.XT_LIMIT),
                "-P INPUT DROP", "-A INPUT -p icmp -m limit --limit 3/min --limit-burst 5 -j ACCEPT");
        assertEquals(5, passing(10, 0));
        assertFalse(accepted(PING, 4_999 * XtLimitBucket.NANOS_PER_JIFFY));
        assertFalse(accepted(PING, 5_000 * XtLimitBucket.NANOS_PER_JIFFY - 1), "same jiffy");
        assertTrue(accepted(PING, 5_000 * XtLimitBucket.NANOS_PER_JIFFY));
    }

    @Test
    void xtLimitRoundsFastRatesToCreditsFirst() {
        // 10/s: avg 1000, cost 1000*250*128/10000 = 3200 credits = 25 jiffies (100 ms).
        ruleset(EngineEnvironment.standalone().withLimitAlgorithm(LimitAlgorithm.XT_LIMIT),
                "-P INPUT DROP", "-A INPUT -m limit --limit 10/second --limit-burst 1 -j ACCEPT");
        assertEquals(1, passing(2, 0));
        assertFalse(accepted(PING, 24 * XtLimitBucket.NANOS_PER_JIFFY));
        assertTrue(accepted(PING, 25 * XtLimitBucket.NANOS_PER_JIFFY));
    }

    @Test
    void limitStateSurvivesChangesToOtherRules() {
        Netfilter netfilter = Rulesets.of("-P INPUT DROP", "-A INPUT -m limit --limit 1/min --limit-burst 2 -j ACCEPT");
        engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());
        assertEquals(2, passing(2, 0));
        Rulesets.apply(netfilter, "-I INPUT -p udp -j ACCEPT", "-A INPUT -p tcp -j ACCEPT");
        assertEquals(0, passing(1, SECOND), "the bucket is still empty after the ruleset changed");
        Rulesets.apply(netfilter, "-R INPUT 2 -m limit --limit 1/min --limit-burst 2 -j ACCEPT");
        assertEquals(2, passing(3, SECOND), "a replaced rule starts with a full bucket");
    }

    private static final String[] SSH_RECIPE = {
        "-A INPUT -p tcp --dport 22 -m state --state NEW -m recent --set --name SSH",
        "-A INPUT -p tcp --dport 22 -m state --state NEW -m recent --update --seconds 60 --hitcount 4 --name SSH -j DROP",
        "-A INPUT -p tcp --dport 22 -j ACCEPT"};

    private boolean sshSyn(String source, long now) {
        PacketContext packet = PacketContext.of(PacketText.parse("tcp " + source + ":40000 > 10.0.0.1:22 flags S"))
                .interfaces("eth0", "").now(now).conntrack(TestConntrack.of(CtState.NEW));
        return accepted(packet);
    }

    @Test
    void sshBruteForceRecipeDropsTheFourthNewConnectionWithinAMinute() {
        ruleset(SSH_RECIPE);
        assertTrue(sshSyn("10.0.0.2", 0));
        assertTrue(sshSyn("10.0.0.2", SECOND));
        assertTrue(sshSyn("10.0.0.2", 2 * SECOND));
        assertFalse(sshSyn("10.0.0.2", 3 * SECOND));
        assertTrue(sshSyn("10.0.0.3", 3 * SECOND), "other addresses are counted apart");
        assertFalse(sshSyn("10.0.0.2", 50 * SECOND), "still four recent hits: --update keeps refreshing");
        assertTrue(sshSyn("10.0.0.2", 200 * SECOND), "quiet for over a minute: one hit in the window");
        assertEquals(Optional.of(2), engine.recentListSize("SSH"));
    }

    @Test
    void rcheckSecondsBoundaryInJiffies() {
        ruleset("-P INPUT DROP", "-A INPUT -p udp -m recent --set --name L",
                "-A INPUT -p tcp -m recent --rcheck --seconds 10 --name L -j ACCEPT");
        accepted("udp 10.0.0.2:1 > 10.0.0.1:2", 0);
        assertTrue(accepted("tcp 10.0.0.2:1 > 10.0.0.1:2", 10 * SECOND), "exactly 10 s (2500 jiffies) old still counts");
        assertFalse(accepted("tcp 10.0.0.2:1 > 10.0.0.1:2", 10 * SECOND + XtLimitBucket.NANOS_PER_JIFFY));
    }

    @Test
    void recentRemoveDestinationMaskAndNegation() {
        ruleset("-P INPUT DROP",
                "-A INPUT -p udp --dport 1 -m recent --set --name KNOCK --mask 255.255.255.0",
                "-A INPUT -p udp --dport 2 -m recent --remove --name KNOCK --mask 255.255.255.0",
                "-A INPUT -p tcp -m recent --rcheck --name KNOCK --mask 255.255.255.0 -j ACCEPT",
                "-A INPUT -p icmp -m recent ! --rcheck --name KNOCK --mask 255.255.255.0 -j ACCEPT",
                "-A INPUT -p icmp -m recent --rcheck --rdest --name KNOCK --mask 255.255.255.0 -j ACCEPT");
        assertFalse(accepted("tcp 10.0.0.2:1 > 10.0.0.1:22", 0));
        assertTrue(accepted(PING, 0), "! --rcheck: not listed");
        accepted("udp 10.0.0.7:5 > 10.0.0.1:1", SECOND);
        assertTrue(accepted("tcp 10.0.0.2:1 > 10.0.0.1:22", 2 * SECOND), "same /24 as the knock");
        assertTrue(accepted("icmp 10.9.9.9 > 10.0.0.200 echo-request id 1 seq 1", 2 * SECOND), "--rdest: 10.0.0.0 listed");
        accepted("udp 10.0.0.8:5 > 10.0.0.1:2", 3 * SECOND);
        assertFalse(accepted("tcp 10.0.0.2:1 > 10.0.0.1:22", 4 * SECOND), "removed");
    }

    @Test
    void recentRttlComparesTheTtlOfTheSettingPacket() {
        ruleset("-P INPUT DROP", "-A INPUT -p udp -m recent --set --name T",
                "-A INPUT -p tcp -m recent --rcheck --rttl --name T -j ACCEPT");
        accepted("udp 10.0.0.2:1 > 10.0.0.1:2 ttl 60", 0);
        assertFalse(accepted("tcp 10.0.0.2:1 > 10.0.0.1:22 ttl 61", SECOND));
        assertTrue(accepted("tcp 10.0.0.2:1 > 10.0.0.1:22 ttl 60", SECOND));
    }

    @Test
    void recentListHoldsAHundredAddressesEvictingTheLeastRecentlyUpdated() {
        ruleset("-A INPUT -p udp -m recent --set --name FULL",
                "-A INPUT -p tcp -m recent --rcheck --name FULL -j DROP");
        for (int i = 0; i <= 100; i++) {
            accepted("udp 10.1.0." + i + ":1 > 10.0.0.1:2", i * SECOND);
        }
        assertEquals(Optional.of(100), engine.recentListSize("FULL"));
        assertTrue(accepted("tcp 10.1.0.0:1 > 10.0.0.1:2", 200 * SECOND), "the oldest was evicted");
        assertFalse(accepted("tcp 10.1.0.1:1 > 10.0.0.1:2", 200 * SECOND));
    }

    @Test
    void recentReapDropsTheOldestStaleEntry() {
        ruleset("-A INPUT -p udp -m recent --set --name R",
                "-A INPUT -p tcp -m recent --update --seconds 5 --reap --name R",
                "-A INPUT -p icmp -m recent --rcheck --name R -j DROP");
        accepted("udp 10.0.0.5:1 > 10.0.0.1:2", 0);
        accepted("udp 10.0.0.6:1 > 10.0.0.1:2", 0);
        accepted("tcp 10.0.0.6:1 > 10.0.0.1:2", 10 * SECOND);
        assertEquals(Optional.of(1), engine.recentListSize("R"));
        assertTrue(accepted("icmp 10.0.0.5 > 10.0.0.1 echo-request id 1 seq 1", 11 * SECOND), "10.0.0.5 reaped");
        assertFalse(accepted("icmp 10.0.0.6 > 10.0.0.1 echo-request id 1 seq 1", 11 * SECOND));
    }

    @Test
    void recentListsVanishWithTheirLastRule() {
        Netfilter netfilter = Rulesets.of("-A INPUT -m recent --set --name GONE");
        engine = new NetfilterEngine(netfilter, EngineEnvironment.standalone());
        accepted(PING, 0);
        assertEquals(Optional.of(1), engine.recentListSize("GONE"));
        Rulesets.apply(netfilter, "-A INPUT -p udp -j ACCEPT");
        assertEquals(Optional.of(1), engine.recentListSize("GONE"), "other changes keep the list");
        Rulesets.apply(netfilter, "-D INPUT 1");
        assertEquals(Optional.empty(), engine.recentListSize("GONE"));
    }

    /** A conntrack table of open connections, keyed by their original tuple. */
    private static final class OpenConnections implements ConnectionTable {
        final Set<List<Integer>> open = new HashSet<>();

        @Override
        public boolean isOpen(int protocol, int source, int destination, int sourcePort, int destinationPort,
                              int zone, long now) {
            return open.contains(List.of(protocol, source, destination, sourcePort, destinationPort, zone));
        }

        TestConntrack connect(String source, int sourcePort) {
            TestConntrack ct = TestConntrack.of(CtState.NEW);
            ct.originalSource = Ipv4Address.parse(source).bits();
            ct.originalDestination = Ipv4Address.parse("10.0.0.1").bits();
            ct.originalSourcePort = sourcePort;
            ct.originalDestinationPort = 22;
            return ct;
        }

        void confirm(TestConntrack ct) {
            open.add(List.of(ct.protocol, ct.originalSource, ct.originalDestination, ct.originalSourcePort,
                    ct.originalDestinationPort, ct.zone));
        }

        void close(TestConntrack ct) {
            open.remove(List.of(ct.protocol, ct.originalSource, ct.originalDestination, ct.originalSourcePort,
                    ct.originalDestinationPort, ct.zone));
        }
    }

    private boolean connect(OpenConnections table, TestConntrack ct, String source, int sourcePort) {
        PacketContext packet = PacketContext.of(PacketText.parse(
                "tcp " + source + ":" + sourcePort + " > 10.0.0.1:22 flags S")).interfaces("eth0", "").conntrack(ct);
        boolean accepted = accepted(packet);
        if (accepted) {
            table.confirm(ct);
        }
        return accepted;
    }

    @Test
    void connlimitCountsOpenConnectionsPerSourceNetwork() {
        OpenConnections table = new OpenConnections();
        ruleset(EngineEnvironment.standalone().withConnections(table),
                "-A INPUT -p tcp --syn --dport 22 -m connlimit --connlimit-above 2 --connlimit-mask 24 -j REJECT",
                "-A INPUT -p tcp --dport 22 -j ACCEPT");
        List<TestConntrack> connections = new ArrayList<>();
        for (int port = 1000; port < 1003; port++) {
            connections.add(table.connect("10.0.0." + port % 10, port));
        }
        assertTrue(connect(table, connections.get(0), "10.0.0.0", 1000));
        assertTrue(connect(table, connections.get(1), "10.0.0.1", 1001));
        assertFalse(connect(table, connections.get(2), "10.0.0.2", 1002), "third from the same /24");
        TestConntrack elsewhere = table.connect("10.0.1.1", 1003);
        assertTrue(connect(table, elsewhere, "10.0.1.1", 1003));
        table.close(connections.get(0));
        assertTrue(connect(table, connections.get(2), "10.0.0.2", 1002), "one closed: room again");
    }

    @Test
    void connlimitUptoAndDestinationAddress() {
        OpenConnections table = new OpenConnections();
        ruleset(EngineEnvironment.standalone().withConnections(table), "-P INPUT DROP",
                "-A INPUT -p tcp -m connlimit --connlimit-upto 1 --connlimit-daddr -j ACCEPT");
        TestConntrack first = table.connect("10.0.0.2", 1000);
        TestConntrack second = table.connect("10.0.0.3", 1001);
        assertTrue(connect(table, first, "10.0.0.2", 1000));
        assertTrue(connect(table, first, "10.0.0.2", 1000), "the same connection is counted once");
        assertFalse(connect(table, second, "10.0.0.3", 1001), "two connections to 10.0.0.1");
    }
}
