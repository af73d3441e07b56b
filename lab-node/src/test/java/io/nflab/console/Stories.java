package io.nflab.console;

import io.nflab.lab.Hop;
import io.nflab.lab.PacketStory;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.eval.Place;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.stack.Fate;
import java.util.List;
import java.util.Optional;

/** Hand-built packet stories of the port-forward lab, for the console's printing tests. */
final class Stories {
    static final Ipv4Packet SYN = PacketText.parse("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S seq 1000 df");
    static final Ipv4Packet SYN_AT_WEB = PacketText.parse("tcp 203.0.113.10:40000 > 192.168.1.2:8080 flags S seq 1000 ttl 63 df");
    static final Ipv4Packet SSH = PacketText.parse("tcp 203.0.113.10:40001 > 203.0.113.1:22 flags S");
    static final Ipv4Packet DNS = PacketText.parse("udp 203.0.113.10:5353 > 203.0.113.1:53 len 30");
    static final Ipv4Packet UNREACHABLE = PacketText.parse(
            "icmp 203.0.113.1 > 203.0.113.10 port-unreachable [udp 203.0.113.10:5353 > 203.0.113.1:53 len 30]");
    static final Ipv4Packet PING = PacketText.parse("icmp 203.0.113.10 > 192.168.1.2 echo-request id 7 seq 1 len 56");

    /** #1: the SYN to the forwarded port, DNATed by gw and delivered to web. */
    static final PacketStory FORWARDED = new PacketStory(1, 0, "client", 0, SYN,
            List.of(new Fate.Delivered("web", "eth0", SYN_AT_WEB)),
            List.of(new Hop("client", 0, "", "eth0", "OUTPUT", "filter", "OUTPUT", Hop.NO_RULE, "policy ACCEPT"),
                    new Hop("gw", 12_000, "eth0", "", "PREROUTING", "nat", "PREROUTING", 1,
                            "DNAT to 192.168.1.2:8080"),
                    new Hop("gw", 12_000, "eth0", "eth1", "FORWARD", "filter", "FORWARD", 2, "ACCEPT"),
                    new Hop("gw", 12_000, "", "eth1", "POSTROUTING", "nat", "", Hop.NO_RULE, "binding: no SNAT"),
                    new Hop("web", 24_000, "eth0", "", "INPUT", "", "", Hop.NO_RULE, "delivered to tcp socket")));

    /** #2: SSH dropped by gw's FORWARD policy. */
    static final PacketStory DROPPED = new PacketStory(2, 0, "client", 1_000_000, SSH,
            List.of(new Fate.Dropped("gw", Optional.of(new Place(Hook.FORWARD, TableKind.FILTER, "FORWARD",
                    Place.Step.POLICY, 3)), "policy", SSH)),
            List.of());

    /** #3: rejected by gw's INPUT rule 4 in a user chain, answered by #4. */
    static final PacketStory REJECTED = new PacketStory(3, 0, "client", 2_000_000, DNS,
            List.of(new Fate.Rejected("gw", new Place(Hook.INPUT, TableKind.FILTER, "f2b", Place.Step.RULE, 4), DNS,
                    Optional.of(UNREACHABLE))),
            List.of());
    static final PacketStory REJECTION = new PacketStory(4, 3, "gw", 2_000_000, UNREACHABLE,
            List.of(new Fate.Delivered("client", "eth0", UNREACHABLE)), List.of());

    /** #5: no route on gw. */
    static final PacketStory NO_ROUTE = new PacketStory(5, 0, "gw", 3_000_000, PING,
            List.of(new Fate.Dropped("gw", Optional.empty(), "no route (ENETUNREACH)", PING)), List.of());

    private Stories() {
    }
}
