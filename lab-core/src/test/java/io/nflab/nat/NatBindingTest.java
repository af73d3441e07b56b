package io.nflab.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackFormat;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtState;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.packet.TcpSegment;
import org.junit.jupiter.api.Test;

/** Bindings on a connection's first packet and their application to later packets, hook by hook. */
class NatBindingTest {
    private static final Ipv4Address GW_PUBLIC = Ipv4Address.parse("203.0.113.1");

    static NatVerdict dnat(String address, int port) {
        Ipv4Address a = Ipv4Address.parse(address);
        return NatVerdict.bind(new NatTarget(NatTarget.Kind.DNAT,
                new NatRange(a, a, port, port, true, true, 0), false, false, false));
    }

    static NatVerdict snat(String min, String max, boolean persistent) {
        return NatVerdict.bind(new NatTarget(NatTarget.Kind.SNAT, new NatRange(Ipv4Address.parse(min),
                Ipv4Address.parse(max), 0, 0, true, false, 0), false, persistent, false));
    }

    static NatVerdict masquerade() {
        return NatVerdict.bind(new MasqueradeTarget(NatRange.NONE, false, false));
    }

    /** The port forward of the seed article: TCP 80 on the gateway to 8080 on the web server. */
    static TestGateway portForward() {
        return new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "192.168.1.1/24")
                .rule(Hook.PREROUTING, p -> p.transport() instanceof TcpSegment tcp && tcp.destinationPort() == 80
                        && p.destination().equals(GW_PUBLIC) ? dnat("192.168.1.2", 8080) : NatVerdict.ACCEPT);
    }

    @Test
    void thePortForwardOfTheSeedArticleRewritesBothDirectionsAndShowsItsEntry() {
        TestGateway gw = portForward();

        var syn = gw.forward("tcp 203.0.113.10:53867 > 203.0.113.1:80 flags S seq 100", "eth0", "eth1",
                "192.168.1.2");
        assertEquals(PacketText.parse("tcp 203.0.113.10:53867 > 192.168.1.2:8080 flags S seq 100"), syn.packet());
        assertEquals("tcp      6 120 SYN_SENT src=203.0.113.10 dst=203.0.113.1 sport=53867 dport=80 [UNREPLIED]"
                + " src=192.168.1.2 dst=203.0.113.10 sport=8080 dport=53867 mark=0 use=1\n", gw.conntrack());

        var synAck = gw.forward("tcp 192.168.1.2:8080 > 203.0.113.10:53867 flags SA seq 500 ack 101", "eth1",
                "eth0", "203.0.113.10");
        assertEquals(PacketText.parse("tcp 203.0.113.1:80 > 203.0.113.10:53867 flags SA seq 500 ack 101"),
                synAck.packet());
        var ack = gw.forward("tcp 203.0.113.10:53867 > 203.0.113.1:80 flags A seq 101 ack 501", "eth0", "eth1",
                "192.168.1.2");
        assertEquals("192.168.1.2", ack.packet().destination().toString());
        assertEquals(CtState.ESTABLISHED, ack.conntrack().state());

        // the seed's entry: "src=… dst=… sport=53867 dport=80 … src=… dst=… sport=8080 dport=53867 [ASSURED]"
        ConntrackEntry entry = ack.conntrack().entry();
        assertEquals("ipv4     2 tcp      6 432000 ESTABLISHED src=203.0.113.10 dst=203.0.113.1 sport=53867 dport=80"
                + " src=192.168.1.2 dst=203.0.113.10 sport=8080 dport=53867 [ASSURED] mark=0 zone=0 use=2\n",
                ConntrackFormat.procLine(entry, gw.now));
        assertEquals(ConntrackStatus.DST_NAT | ConntrackStatus.DST_NAT_DONE | ConntrackStatus.SRC_NAT_DONE,
                entry.status() & (ConntrackStatus.DST_NAT | ConntrackStatus.SRC_NAT
                        | ConntrackStatus.DST_NAT_DONE | ConntrackStatus.SRC_NAT_DONE));
        assertEquals(2, gw.natTableSaw.size(), "only the first packet traverses the nat table (PREROUTING, POSTROUTING)");
    }

    @Test
    void snatKeepsTheSourcePortAndMovesAClashingSecondClientToTheNextFreePort() {
        TestGateway gw = new TestGateway().address("eth0", "203.0.113.1/24").address("eth1", "10.0.0.1/24")
                .rule(Hook.POSTROUTING, p -> snat("203.0.113.1", "203.0.113.1", false));

        var first = gw.forward("tcp 10.0.0.2:40000 > 198.51.100.5:80 flags S", "eth1", "eth0", "203.0.113.254");
        var second = gw.forward("tcp 10.0.0.3:40000 > 198.51.100.5:80 flags S", "eth1", "eth0", "203.0.113.254");
        var elsewhere = gw.forward("tcp 10.0.0.3:40000 > 198.51.100.6:80 flags S", "eth1", "eth0", "203.0.113.254");

        assertEquals("tcp 203.0.113.1:40000 > 198.51.100.5:80 flags S", first.packet().toString());
        assertEquals("tcp 203.0.113.1:40001 > 198.51.100.5:80 flags S", second.packet().toString());
        // another server: the second client keeps the mapping it already has (find_appropriate_src)
        assertEquals("tcp 203.0.113.1:40001 > 198.51.100.6:80 flags S", elsewhere.packet().toString());
        assertTrue(second.conntrack().entry().hasStatus(ConntrackStatus.SRC_NAT | ConntrackStatus.SRC_NAT_DONE));

        var reply = gw.forward("tcp 198.51.100.5:80 > 203.0.113.1:40001 flags SA ack 1", "eth0", "eth1", "10.0.0.3");
        assertEquals("tcp 198.51.100.5:80 > 10.0.0.3:40000 flags SA ack 1", reply.packet().toString());
    }

    @Test
    void aPortBelow1024IsRemappedWithinItsOwnBand() {
        TestGateway gw = new TestGateway().rule(Hook.POSTROUTING, p -> snat("203.0.113.1", "203.0.113.1", false));

        gw.forward("udp 10.0.0.2:500 > 198.51.100.5:500", "eth1", "eth0", "198.51.100.5");
        var clash = gw.forward("udp 10.0.0.3:500 > 198.51.100.5:500", "eth1", "eth0", "198.51.100.5");
        gw.forward("udp 10.0.0.2:700 > 198.51.100.5:500", "eth1", "eth0", "198.51.100.5");
        var high = gw.forward("udp 10.0.0.3:700 > 198.51.100.5:500", "eth1", "eth0", "198.51.100.5");

        assertEquals(501, ((io.nflab.packet.UdpDatagram) clash.packet().transport()).sourcePort());
        assertEquals(701, ((io.nflab.packet.UdpDatagram) high.packet().transport()).sourcePort());
    }

    @Test
    void anAddressRangeIsChosenByTheKernelsHashAndPersistentIgnoresTheDestination() {
        TestGateway gw = new TestGateway().rule(Hook.POSTROUTING, p -> snat("203.0.113.10", "203.0.113.13", false));
        TestGateway persistent = new TestGateway()
                .rule(Hook.POSTROUTING, p -> snat("203.0.113.10", "203.0.113.13", true));

        java.util.Set<Ipv4Address> seen = new java.util.HashSet<>();
        java.util.Set<Ipv4Address> persistentSeen = new java.util.HashSet<>();
        for (int server = 1; server <= 20; server++) {
            // a new source port each time: the same source would reuse its mapping (find_appropriate_src)
            String packet = "udp 10.0.0.2:" + (5000 + server) + " > 198.51.100." + server + ":53";
            seen.add(gw.forward(packet, "eth1", "eth0", "198.51.100.1").packet().source());
            persistentSeen.add(persistent.forward(packet, "eth1", "eth0", "198.51.100.1").packet().source());
        }
        assertTrue(seen.size() > 1, "the destination takes part in the hash: " + seen);
        assertTrue(seen.stream().allMatch(a -> a.bits() >= Ipv4Address.parse("203.0.113.10").bits()
                && a.bits() <= Ipv4Address.parse("203.0.113.13").bits()), seen::toString);
        assertEquals(1, persistentSeen.size(), persistentSeen::toString);
    }

    @Test
    void jhashIsTheKernelsLookup3() {
        // jhash2({1, 2, 3}, 3, 0) as include/linux/jhash.h computes it (compiled with gcc)
        assertEquals(0xa46158f5, Jhash.jhash2(new int[] {1, 2, 3}, 0));
        // 10.0.0.2 to 198.51.100.1..5 in 203.0.113.10-13, as the kernel's find_best_ips_proto
        int[] expected = {11, 11, 12, 10, 11};
        for (int s = 1; s <= 5; s++) {
            int j = Jhash.jhash2(new int[] {Jhash.wireWord(0x0a000002), 0, 0, 0},
                    Jhash.wireWord(0xc6336400 | s));
            assertEquals(expected[s - 1], 10 + Jhash.reciprocalScale(j, 4), "server " + s);
        }
        assertEquals(0, Jhash.reciprocalScale(0x7fffffff, 0));
        assertEquals(1, Jhash.reciprocalScale(0x80000000, 2));
    }

    @Test
    void masqueradeUsesTheOutputInterfacesAddressAndDiesWithTheInterface() {
        TestGateway gw = new TestGateway().address("eth0", "203.0.113.1/24").address("eth0", "198.51.100.1/24")
                .address("eth1", "10.0.0.1/24").rule(Hook.POSTROUTING, p -> masquerade());

        var viaFirst = gw.forward("tcp 10.0.0.2:40000 > 8.8.8.8:53 flags S", "eth1", "eth0", "203.0.113.254");
        var viaSecond = gw.forward("tcp 10.0.0.2:40001 > 9.9.9.9:53 flags S", "eth1", "eth0", "198.51.100.254");
        assertEquals("203.0.113.1", viaFirst.packet().source().toString());
        assertEquals("198.51.100.1", viaSecond.packet().source().toString(), "the address on the next hop's subnet");
        gw.forward("tcp 8.8.8.8:53 > 203.0.113.1:40000 flags SA ack 1", "eth0", "eth1", "10.0.0.2");

        assertEquals(1, gw.nat.addressRemoved("eth0", Ipv4Address.parse("198.51.100.1"), gw.now));
        assertEquals(1, gw.table.count(gw.now));
        var moved = gw.forward("tcp 10.0.0.2:40000 > 8.8.8.8:53 flags A seq 1 ack 1", "eth1", "eth2", "192.0.2.1");
        assertTrue(moved.dropped(), "a masqueraded connection must keep its interface");
        assertEquals(0, gw.table.count(gw.now), "and is killed when it does not");

        gw.forward("tcp 10.0.0.2:40002 > 8.8.8.8:53 flags S", "eth1", "eth0", "203.0.113.254");
        assertEquals(1, gw.nat.interfaceDown("eth0", gw.now));
        assertEquals(0, gw.table.count(gw.now));
    }

    @Test
    void masqueradeWithoutAnAddressDropsThePacket() {
        TestGateway gw = new TestGateway().rule(Hook.POSTROUTING, p -> masquerade());

        var passage = gw.forward("udp 10.0.0.2:5000 > 8.8.8.8:53", "eth1", "eth0", "8.8.8.8");

        assertTrue(passage.dropped());
        assertEquals("eth0 ate my IP address", passage.reason());
        assertEquals(0, gw.table.count(gw.now));
    }

    @Test
    void redirectSendsALowPortToTheIncomingInterfacesPrimaryAddressAndLocalTrafficToLoopback() {
        NatVerdict redirect = NatVerdict.bind(new RedirectTarget(NatRange.ports(8080, 8080), false));
        TestGateway gw = new TestGateway().address("eth0", "203.0.113.1/24").address("eth0", "203.0.113.7/24")
                .rule(Hook.PREROUTING, p -> redirect).rule(Hook.OUTPUT, p -> redirect);

        var in = gw.input("tcp 203.0.113.10:40000 > 203.0.113.7:80 flags S", "eth0");
        var local = gw.output("tcp 203.0.113.1:40001 > 203.0.113.1:80 flags S", "lo", "203.0.113.1");

        assertEquals("tcp 203.0.113.10:40000 > 203.0.113.1:8080 flags S", in.packet().toString());
        assertEquals("tcp 203.0.113.1:40001 > 127.0.0.1:8080 flags S", local.packet().toString());
        assertTrue(gw.conntrack().contains("src=203.0.113.10 dst=203.0.113.7 sport=40000 dport=80 [UNREPLIED]"
                + " src=203.0.113.1 dst=203.0.113.10 sport=8080 dport=40000"), gw.conntrack());
    }

    @Test
    void anIcmpErrorThroughSnatHasItsOuterAndQuotedHeadersTranslated() {
        TestGateway gw = new TestGateway().rule(Hook.POSTROUTING, p -> snat("203.0.113.1", "203.0.113.1", false));
        Ipv4Packet sent = gw.forward("udp 10.0.0.2:5000 > 198.51.100.5:53 len 12", "eth1", "eth0", "198.51.100.5")
                .packet();
        Ipv4Packet error = PacketText.parse("icmp 198.51.100.5 > 203.0.113.1 port-unreachable ["
                + "udp 203.0.113.1:5000 > 198.51.100.5:53 len 12]");
        assertEquals(PacketText.parse("udp 203.0.113.1:5000 > 198.51.100.5:53 len 12"), sent);

        var back = gw.forward(error, "eth0", "eth1", "10.0.0.2");

        assertEquals(CtState.RELATED, back.conntrack().state());
        assertEquals(PacketText.parse("icmp 198.51.100.5 > 10.0.0.2 port-unreachable ["
                + "udp 10.0.0.2:5000 > 198.51.100.5:53 len 12]"), back.packet());
    }

    @Test
    void anIcmpErrorAboutAPortForwardShowsTheClientThePublicAddress() {
        TestGateway gw = portForward();
        gw.forward("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S", "eth0", "eth1", "192.168.1.2");
        Ipv4Packet unreachable = PacketText.parse("icmp 192.168.1.2 > 203.0.113.10 port-unreachable ["
                + "tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S]");

        var back = gw.forward(unreachable, "eth1", "eth0", "203.0.113.10");

        assertEquals(PacketText.parse("icmp 203.0.113.1 > 203.0.113.10 port-unreachable ["
                + "tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S]"), back.packet());
    }

    @Test
    void echoIdsClashingBehindSnatAreRemappedAndQuotedEchoesFollow() {
        TestGateway gw = new TestGateway().rule(Hook.POSTROUTING, p -> snat("203.0.113.1", "203.0.113.1", false));

        gw.forward("icmp 10.0.0.2 > 198.51.100.5 echo-request id 7 seq 1", "eth1", "eth0", "198.51.100.5");
        var second = gw.forward("icmp 10.0.0.3 > 198.51.100.5 echo-request id 7 seq 1", "eth1", "eth0",
                "198.51.100.5");
        assertEquals("icmp 203.0.113.1 > 198.51.100.5 echo-request id 8 seq 1", second.packet().toString());

        var reply = gw.forward("icmp 198.51.100.5 > 203.0.113.1 echo-reply id 8 seq 1", "eth0", "eth1", "10.0.0.3");
        assertEquals("icmp 198.51.100.5 > 10.0.0.3 echo-reply id 7 seq 1", reply.packet().toString());

        Ipv4Packet error = PacketText.parse("icmp 192.0.2.9 > 203.0.113.1 time-exceeded ["
                + "icmp 203.0.113.1 > 198.51.100.5 echo-request id 8 seq 1]");
        var back = gw.forward(error, "eth0", "eth1", "10.0.0.3");
        assertEquals(PacketText.parse("icmp 192.0.2.9 > 10.0.0.3 time-exceeded ["
                + "icmp 10.0.0.3 > 198.51.100.5 echo-request id 7 seq 1]"), back.packet());
    }

    @Test
    void hairpinNatNeedsDnatAndSnatOnTheSameGateway() {
        TestGateway gw = portForward().rule(Hook.POSTROUTING, p -> p.source().toString().startsWith("192.168.1.")
                && p.destination().toString().equals("192.168.1.2") ? masquerade() : NatVerdict.ACCEPT);

        var syn = gw.forward("tcp 192.168.1.10:40000 > 203.0.113.1:80 flags S", "eth1", "eth1", "192.168.1.2");
        assertEquals("tcp 192.168.1.1:40000 > 192.168.1.2:8080 flags S", syn.packet().toString());

        var synAck = gw.forward("tcp 192.168.1.2:8080 > 192.168.1.1:40000 flags SA ack 1", "eth1", "eth1",
                "192.168.1.10");
        assertEquals("tcp 203.0.113.1:80 > 192.168.1.10:40000 flags SA ack 1", synAck.packet().toString());
        assertTrue(gw.conntrack().contains("src=192.168.1.10 dst=203.0.113.1 sport=40000 dport=80"
                + " src=192.168.1.2 dst=192.168.1.1 sport=8080 dport=40000"), gw.conntrack());
    }

    @Test
    void withoutTheSnatRuleHairpinRepliesBypassTheGateway() {
        TestGateway gw = portForward();

        var syn = gw.forward("tcp 192.168.1.10:40000 > 203.0.113.1:80 flags S", "eth1", "eth1", "192.168.1.2");

        assertEquals("tcp 192.168.1.10:40000 > 192.168.1.2:8080 flags S", syn.packet().toString(),
                "the web server answers 192.168.1.10 directly, which drops a reply from the wrong address");
    }

    @Test
    void aNullBindingMovesALocalConnectionOffAPortAMasqueradedOneTook() {
        TestGateway gw = new TestGateway().address("eth0", "203.0.113.1/24")
                .rule(Hook.POSTROUTING, p -> p.source().toString().startsWith("10.") ? masquerade() : NatVerdict.ACCEPT);
        gw.forward("udp 10.0.0.2:5000 > 198.51.100.5:53", "eth1", "eth0", "203.0.113.254");

        var local = gw.output("udp 203.0.113.1:5000 > 198.51.100.5:53", "eth0", "203.0.113.254");

        assertEquals("udp 203.0.113.1:5001 > 198.51.100.5:53", local.packet().toString());
        assertTrue(local.conntrack().entry().hasStatus(ConntrackStatus.SRC_NAT));
    }

    @Test
    void theNullBindingMarksBothManipulationsDoneSoLaterPacketsSkipTheNatTable() {
        TestGateway gw = new TestGateway();

        gw.forward("udp 10.0.0.2:5000 > 198.51.100.5:53", "eth1", "eth0", "198.51.100.5");
        gw.forward("udp 10.0.0.2:5000 > 198.51.100.5:53", "eth1", "eth0", "198.51.100.5");

        ConntrackEntry entry = gw.table.entries(gw.now).get(0);
        assertTrue(entry.hasStatus(ConntrackStatus.SRC_NAT_DONE | ConntrackStatus.DST_NAT_DONE));
        assertFalse(entry.hasStatus(ConntrackStatus.SRC_NAT));
        assertEquals(2, gw.natTableSaw.size());
    }

    @Test
    void aPortMapShiftsByTheOffsetFromItsBase() {
        Ipv4Address web = Ipv4Address.parse("192.168.1.2");
        NatVerdict map = NatVerdict.bind(new NatTarget(NatTarget.Kind.DNAT,
                new NatRange(web, web, 8000, 8099, true, true, 0).withBasePort(1000), false, false, false));
        TestGateway gw = new TestGateway().rule(Hook.PREROUTING, p -> map);

        var passage = gw.forward("tcp 203.0.113.10:40000 > 203.0.113.1:1005 flags S", "eth0", "eth1", "192.168.1.2");

        assertEquals("tcp 203.0.113.10:40000 > 192.168.1.2:8005 flags S", passage.packet().toString());
    }

    @Test
    void randomPortsAreDeterministicAndStayInTheRange() {
        NatVerdict random = NatVerdict.bind(new NatTarget(NatTarget.Kind.SNAT, new NatRange(GW_PUBLIC, GW_PUBLIC,
                20000, 20099, true, true, 0), true, false, false));
        TestGateway one = new TestGateway().rule(Hook.POSTROUTING, p -> random);
        TestGateway two = new TestGateway().rule(Hook.POSTROUTING, p -> random);

        int a = port(one.forward("tcp 10.0.0.2:20005 > 198.51.100.5:80 flags S", "eth1", "eth0", "198.51.100.5"));
        int b = port(two.forward("tcp 10.0.0.2:20005 > 198.51.100.5:80 flags S", "eth1", "eth0", "198.51.100.5"));

        assertEquals(a, b);
        assertTrue(a >= 20000 && a <= 20099, "port " + a);
        ConntrackTuple reply = one.table.entries(one.now).get(0).reply();
        assertEquals(a, reply.destinationPort());
    }

    @Test
    void snatRefusesTheWrongHook() {
        TestGateway gw = new TestGateway().rule(Hook.PREROUTING, p -> snat("203.0.113.1", "203.0.113.1", false));

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> gw.forward("udp 10.0.0.2:5000 > 198.51.100.5:53", "eth1", "eth0", "198.51.100.5"));
        assertEquals("SNAT cannot bind at PREROUTING", e.getMessage());
        assertNotEquals(null, e.getMessage());
    }

    private static int port(TestGateway.Passage passage) {
        return ((TcpSegment) passage.packet().transport()).sourcePort();
    }
}
