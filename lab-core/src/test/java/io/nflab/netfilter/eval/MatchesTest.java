package io.nflab.netfilter.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.AddrtypeMatch.AddressType;
import io.nflab.netfilter.match.CtState;
import io.nflab.packet.PacketText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The semantics of every match, each through a one-rule INPUT (or OUTPUT) chain with policy DROP. */
class MatchesTest {
    private static final String SYN = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S";

    private AddressTypes addressTypes = AddressTypes.NONE;

    /** Whether a chain holding only {@code -A CHAIN <rule> -j ACCEPT} accepts the packet at that hook. */
    private boolean accepts(Hook hook, String rule, PacketContext packet) {
        Netfilter netfilter = Rulesets.of("-P " + hook + " DROP", "-A " + hook + " " + rule + " -j ACCEPT");
        NetfilterEngine engine = new NetfilterEngine(netfilter,
                EngineEnvironment.standalone().withAddressTypes(addressTypes));
        return engine.evaluate(TableKind.FILTER, hook, packet).kind() == Decision.Kind.ACCEPT;
    }

    private boolean accepts(String rule, PacketContext packet) {
        return accepts(Hook.INPUT, rule, packet);
    }

    private boolean accepts(String rule, String packet) {
        return accepts(rule, in(packet));
    }

    private static PacketContext in(String packet) {
        return PacketContext.of(PacketText.parse(packet)).interfaces("eth0", "");
    }

    private static PacketContext out(String packet) {
        return PacketContext.of(PacketText.parse(packet)).interfaces("", "eth0");
    }

    @Test
    void protocol() {
        assertTrue(accepts("-p tcp", SYN));
        assertFalse(accepts("-p udp", SYN));
        assertTrue(accepts("! -p udp", SYN));
        assertTrue(accepts("-p all", SYN));
        assertTrue(accepts("-p 47", "gre 10.0.0.2 > 10.0.0.1 len 4"));
        assertFalse(accepts("! -p gre", "gre 10.0.0.2 > 10.0.0.1 len 4"));
    }

    @Test
    void addressesWithMasksAndNegation() {
        assertTrue(accepts("-s 10.0.0.0/8", SYN));
        assertFalse(accepts("-s 10.0.0.3", SYN));
        assertTrue(accepts("! -s 10.0.0.3", SYN));
        assertTrue(accepts("-d 10.0.0.1/32", SYN));
        assertTrue(accepts("-s 10.9.0.2/255.0.255.255", SYN));
        assertFalse(accepts("-s 10.9.0.2/255.255.255.255", SYN));
        assertFalse(accepts("! -d 0.0.0.0/0", SYN));
    }

    @Test
    void interfacesExactWildcardAndNegated() {
        assertTrue(accepts("-i eth0", SYN));
        assertFalse(accepts("-i eth1", SYN));
        assertTrue(accepts("-i eth+", SYN));
        assertTrue(accepts("-i +", SYN));
        assertFalse(accepts("! -i eth+", SYN));
        assertTrue(accepts(Hook.OUTPUT, "-o eth0", out(SYN)));
        assertTrue(accepts(Hook.OUTPUT, "! -o lo", out(SYN)));
        assertFalse(accepts(Hook.OUTPUT, "-o et", out(SYN)));
    }

    @Test
    void fragments() {
        String later = "proto tcp 10.0.0.2 > 10.0.0.1 frag 185 len 24";
        String first = "proto tcp 10.0.0.2 > 10.0.0.1 mf len 24";
        assertTrue(accepts("-f", later));
        assertFalse(accepts("-f", first));
        assertFalse(accepts("-f", SYN));
        assertTrue(accepts("! -f", first));
        assertFalse(accepts("! -f", later));
        assertFalse(accepts("-p tcp --dport 22", later), "later fragments have no ports");
    }

    @Test
    void tcpPortsAndFlags() {
        assertTrue(accepts("-p tcp --dport 22", SYN));
        assertTrue(accepts("-p tcp --dport 20:30", SYN));
        assertFalse(accepts("-p tcp ! --dport 22", SYN));
        assertTrue(accepts("-p tcp --sport 1024:", SYN));
        assertFalse(accepts("-p tcp --sport :1023", SYN));
        assertTrue(accepts("-p tcp --syn", SYN));
        assertFalse(accepts("-p tcp --syn", "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags SA"));
        assertTrue(accepts("-p tcp ! --syn", "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags A"));
        assertTrue(accepts("-p tcp --tcp-flags ALL NONE", "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags none"));
        assertTrue(accepts("-p tcp --tcp-flags SYN,FIN SYN,FIN", "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags SF"));
        assertFalse(accepts("-p tcp --tcp-flags SYN,FIN SYN,FIN", SYN));
    }

    @Test
    void tcpOptionWalksTheOptionsLikeTheKernel() {
        String withMss = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S opts mss=1460,sackok,nop,wscale=7";
        assertTrue(accepts("-p tcp --tcp-option 2", withMss));
        assertTrue(accepts("-p tcp --tcp-option 3", withMss));
        assertFalse(accepts("-p tcp --tcp-option 8", withMss));
        assertTrue(accepts("-p tcp ! --tcp-option 8", withMss));
        assertTrue(accepts("-p tcp ! --tcp-option 2", SYN), "no options at all: only ! matches");
    }

    @Test
    void udpPorts() {
        String dns = "udp 10.0.0.2:5353 > 10.0.0.1:53 len 20";
        assertTrue(accepts("-p udp --dport 53", dns));
        assertTrue(accepts("-p udp --sport 5353 --dport 53:54", dns));
        assertFalse(accepts("-p udp ! --sport 5353", dns));
        assertFalse(accepts("-p udp --dport 53", "proto udp 10.0.0.2 > 10.0.0.1 frag 3 len 8"));
    }

    @Test
    void icmpTypesCodesAndAny() {
        String ping = "icmp 10.0.0.2 > 10.0.0.1 echo-request id 1 seq 1";
        String portUnreachable = "icmp 10.0.0.2 > 10.0.0.1 port-unreachable [udp 10.0.0.1:53 > 10.0.0.2:5353 len 8]";
        assertTrue(accepts("-p icmp --icmp-type echo-request", ping));
        assertTrue(accepts("-p icmp --icmp-type 8", ping));
        assertTrue(accepts("-p icmp --icmp-type any", ping));
        assertFalse(accepts("-p icmp ! --icmp-type any", ping));
        assertFalse(accepts("-p icmp --icmp-type echo-reply", ping));
        assertTrue(accepts("-p icmp --icmp-type destination-unreachable", portUnreachable));
        assertTrue(accepts("-p icmp --icmp-type 3/3", portUnreachable));
        assertFalse(accepts("-p icmp --icmp-type host-unreachable", portUnreachable));
        assertTrue(accepts("-p icmp ! --icmp-type host-unreachable", portUnreachable));
    }

    @Test
    void multiport() {
        assertTrue(accepts("-p tcp -m multiport --dports 80,20:30", SYN));
        assertFalse(accepts("-p tcp -m multiport --dports 80,443", SYN));
        assertTrue(accepts("-p tcp -m multiport ! --dports 80,443", SYN));
        assertTrue(accepts("-p tcp -m multiport --sports 40000", SYN));
        assertTrue(accepts("-p tcp -m multiport --ports 40000,1", SYN));
        assertTrue(accepts("-p tcp -m multiport --ports 1,22", SYN));
        assertTrue(accepts("-p sctp -m multiport --dports 9", "sctp 10.0.0.2 > 10.0.0.1 data \"\\x00\\x07\\x00\\x09\""));
    }

    @Test
    void stateFromTheConntrackView() {
        assertTrue(accepts("-m state --state NEW", in(SYN).conntrack(TestConntrack.of(CtState.NEW))));
        assertFalse(accepts("-m state --state ESTABLISHED,RELATED", in(SYN).conntrack(TestConntrack.of(CtState.NEW))));
        assertTrue(accepts("-m state --state RELATED", in(SYN).conntrack(TestConntrack.of(CtState.RELATED))));
        assertTrue(accepts("-m state --state INVALID", in(SYN)));
        assertTrue(accepts("-m state --state UNTRACKED", in(SYN).conntrack(ConntrackView.UNTRACKED)));
        assertTrue(accepts("-m state ! --state NEW", in(SYN)));
    }

    @Test
    void conntrackStateIncludingNatStates() {
        TestConntrack dnat = TestConntrack.of(CtState.NEW);
        dnat.status = ConntrackView.IPS_DST_NAT;
        assertTrue(accepts("-m conntrack --ctstate DNAT", in(SYN).conntrack(dnat)));
        assertTrue(accepts("-m conntrack --ctstate NEW", in(SYN).conntrack(dnat)));
        assertFalse(accepts("-m conntrack --ctstate SNAT", in(SYN).conntrack(dnat)));
        assertTrue(accepts("-m conntrack --ctstate INVALID", in(SYN)));
        assertTrue(accepts("-m conntrack ! --ctstate NEW", in(SYN)));
    }

    @Test
    void conntrackTuplesStatusExpiryAndDirection() {
        TestConntrack ct = TestConntrack.of(CtState.ESTABLISHED);
        ct.protocol = 6;
        ct.originalSource = Ipv4Address.parse("10.0.0.2").bits();
        ct.originalDestination = Ipv4Address.parse("203.0.113.1").bits();
        ct.originalSourcePort = 40000;
        ct.originalDestinationPort = 80;
        ct.replySource = Ipv4Address.parse("10.0.0.1").bits();
        ct.replyDestination = Ipv4Address.parse("10.0.0.2").bits();
        ct.replySourcePort = 22;
        ct.replyDestinationPort = 40000;
        ct.status = 2 | 4 | 8;
        ct.expires = 431990;
        ct.reply = true;
        PacketContext packet = in(SYN).conntrack(ct);
        assertTrue(accepts("-m conntrack --ctproto tcp --ctorigsrc 10.0.0.0/24 --ctorigdst 203.0.113.1", packet));
        assertTrue(accepts("-m conntrack --ctorigdstport 80 --ctreplsrcport 20:30", packet));
        assertFalse(accepts("-m conntrack ! --ctreplsrc 10.0.0.1", packet));
        assertTrue(accepts("-m conntrack --ctstatus ASSURED", packet));
        assertFalse(accepts("-m conntrack --ctstatus EXPECTED", packet));
        assertTrue(accepts("-m conntrack ! --ctstatus EXPECTED", packet));
        assertTrue(accepts("-m conntrack --ctexpire 400000:500000", packet));
        assertTrue(accepts("-m conntrack --ctdir REPLY", packet));
        assertFalse(accepts("-m conntrack --ctdir ORIGINAL", packet));
        assertFalse(accepts("-m conntrack ! --ctproto udp", in(SYN)), "without an entry only --ctstate can match");
    }

    @Test
    void markAndConnmark() {
        assertTrue(accepts("-m mark --mark 0x10/0xf0", in(SYN).mark(0x1f)));
        assertFalse(accepts("-m mark --mark 1", in(SYN)));
        assertTrue(accepts("-m mark ! --mark 1", in(SYN)));
        TestConntrack ct = TestConntrack.of(CtState.ESTABLISHED);
        ct.mark = 5;
        assertTrue(accepts("-m connmark --mark 5", in(SYN).conntrack(ct)));
        assertTrue(accepts("-m connmark ! --mark 4", in(SYN).conntrack(ct)));
        assertFalse(accepts("-m connmark ! --mark 4", in(SYN)), "no entry: no connmark match, even negated");
    }

    @Test
    void commentMatchesEverything() {
        assertTrue(accepts("-m comment --comment \"allow all\"", SYN));
    }

    @Test
    void iprangeIsUnsignedAndInclusive() {
        assertTrue(accepts("-m iprange --src-range 10.0.0.1-10.0.0.2", SYN));
        assertFalse(accepts("-m iprange --src-range 10.0.0.3-10.0.0.9", SYN));
        assertTrue(accepts("-m iprange --dst-range 9.0.0.0-200.0.0.0", SYN));
        assertTrue(accepts("-m iprange ! --dst-range 128.0.0.0-255.255.255.255", SYN));
    }

    @Test
    void macNeedsAnEthernetHeader() {
        MacAddress source = MacAddress.parse("52:54:00:12:34:56");
        PacketContext framed = in(SYN).linkHeader(source, MacAddress.parse("52:54:00:00:00:01"));
        assertTrue(accepts("-m mac --mac-source 52:54:00:12:34:56", framed));
        assertFalse(accepts("-m mac ! --mac-source 52:54:00:12:34:56", framed));
        assertFalse(accepts("-m mac ! --mac-source 52:54:00:12:34:56", in(SYN)));
    }

    @Test
    void headerFields() {
        String packet = "tcp 10.0.0.2:40000 > 10.0.0.1:22 flags S ttl 63 tos 0xb9 len 60";
        assertTrue(accepts("-m tos --tos 0xb8/0xfc", packet));
        assertFalse(accepts("-m tos --tos 0x10", packet));
        assertTrue(accepts("-m dscp --dscp 46", packet));
        assertTrue(accepts("-m dscp --dscp-class EF", packet));
        assertTrue(accepts("-m dscp ! --dscp 0", packet));
        assertTrue(accepts("-m ttl --ttl-eq 63", packet));
        assertTrue(accepts("-m ttl ! --ttl-eq 64", packet));
        assertTrue(accepts("-m ttl --ttl-lt 64", packet));
        assertFalse(accepts("-m ttl --ttl-gt 63", packet));
        assertTrue(accepts("-m length --length 100", packet));
        assertTrue(accepts("-m length --length 0:100", packet));
        assertFalse(accepts("-m length ! --length 0:100", packet));
    }

    @Test
    void addrtypeAsksTheNamespaceAndKnowsBroadcastAndMulticastItself() {
        int local = Ipv4Address.parse("10.0.0.1").bits();
        int subnetBroadcast = Ipv4Address.parse("10.0.0.255").bits();
        addressTypes = (address, device) -> address == local && (device.isEmpty() || device.equals("eth0"))
                ? AddressType.LOCAL : address == subnetBroadcast ? AddressType.BROADCAST : AddressType.UNICAST;
        assertTrue(accepts("-m addrtype --dst-type LOCAL", SYN));
        assertTrue(accepts("-m addrtype --src-type UNICAST --dst-type LOCAL,BROADCAST", SYN));
        assertFalse(accepts("-m addrtype ! --dst-type LOCAL", SYN));
        assertTrue(accepts("-m addrtype --dst-type BROADCAST", "udp 10.0.0.2:68 > 10.0.0.255:67"));
        assertTrue(accepts("-m addrtype --dst-type BROADCAST", "udp 0.0.0.0:68 > 255.255.255.255:67"));
        assertTrue(accepts("-m addrtype --src-type BROADCAST", "udp 0.0.0.0:68 > 255.255.255.255:67"));
        assertTrue(accepts("-m addrtype --dst-type MULTICAST", "udp 10.0.0.2:5353 > 224.0.0.251:5353"));
        assertTrue(accepts("-m addrtype --dst-type LOCAL --limit-iface-in", SYN));
        assertFalse(accepts("-m addrtype --dst-type LOCAL --limit-iface-in",
                PacketContext.of(PacketText.parse(SYN)).interfaces("eth1", "")));
    }

    @Test
    void pkttypeFromTheLinkType() {
        assertTrue(accepts("-m pkttype --pkt-type unicast", in(SYN)));
        assertTrue(accepts("-m pkttype --pkt-type broadcast", in(SYN).linkType(LinkType.BROADCAST)));
        assertTrue(accepts("-m pkttype --pkt-type otherhost", in(SYN).linkType(LinkType.OTHERHOST)));
        assertTrue(accepts("-m pkttype ! --pkt-type multicast", in(SYN)));
        assertTrue(accepts("-m pkttype --pkt-type broadcast", in(SYN).linkType(LinkType.LOOPBACK)));
        assertTrue(accepts("-m pkttype --pkt-type multicast",
                in("udp 10.0.0.2:5353 > 224.0.0.251:5353").linkType(LinkType.LOOPBACK)));
    }

    @Test
    void ownerOfLocallyGeneratedPackets() {
        PacketContext root = out(SYN).socket(new SocketOwner(0, 0, List.of(4L, 27L)));
        PacketContext user = out(SYN).socket(SocketOwner.of(1000, 1000));
        assertTrue(accepts(Hook.OUTPUT, "-m owner --uid-owner 0", root));
        assertFalse(accepts(Hook.OUTPUT, "-m owner --uid-owner 0", user));
        assertTrue(accepts(Hook.OUTPUT, "-m owner --uid-owner 500-2000", user));
        assertTrue(accepts(Hook.OUTPUT, "-m owner ! --uid-owner 0", user));
        assertTrue(accepts(Hook.OUTPUT, "-m owner --gid-owner 27 --suppl-groups", root));
        assertFalse(accepts(Hook.OUTPUT, "-m owner --gid-owner 27", root));
        assertTrue(accepts(Hook.OUTPUT, "-m owner --socket-exists", root));
        assertFalse(accepts(Hook.OUTPUT, "-m owner --socket-exists", out(SYN)));
        assertTrue(accepts(Hook.OUTPUT, "-m owner ! --socket-exists", out(SYN)));
        assertTrue(accepts(Hook.OUTPUT, "-m owner ! --uid-owner 0", out(SYN)), "no socket: negated tests match");
        assertFalse(accepts(Hook.OUTPUT, "-m owner --uid-owner 0", out(SYN)));
        assertFalse(accepts(Hook.OUTPUT, "-m owner ! --socket-exists", root));
    }

    @Test
    void severalMatchesMustAllHold() {
        assertTrue(accepts("-p tcp -s 10.0.0.2 --dport 22 -m state --state NEW",
                in(SYN).conntrack(TestConntrack.of(CtState.NEW))));
        assertFalse(accepts("-p tcp -s 10.0.0.2 --dport 22 -m state --state NEW", in(SYN)));
    }
}
