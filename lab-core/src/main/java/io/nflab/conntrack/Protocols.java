package io.nflab.conntrack;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/** IP protocol numbers and the names conntrack and the kernel print for them. */
final class Protocols {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int DCCP = 33;
    static final int GRE = 47;
    static final int ICMPV6 = 58;
    static final int SCTP = 132;
    static final int UDPLITE = 136;

    /**
     * Debian 12's /etc/protocols (netbase): what {@code getprotobyname} finds, names and aliases alike.
     * conntrack falls back to it for {@code -p NAME} when no protocol module of its own has the name.
     */
    private static final String ETC_PROTOCOLS = "ip 0 IP;hopopt 0 HOPOPT;icmp 1 ICMP;igmp 2 IGMP;ggp 3 GGP;"
            + "ipencap 4 IP-ENCAP;st 5 ST;tcp 6 TCP;egp 8 EGP;igp 9 IGP;pup 12 PUP;udp 17 UDP;hmp 20 HMP;"
            + "xns-idp 22 XNS-IDP;rdp 27 RDP;iso-tp4 29 ISO-TP4;dccp 33 DCCP;xtp 36 XTP;ddp 37 DDP;"
            + "idpr-cmtp 38 IDPR-CMTP;ipv6 41 IPv6;ipv6-route 43 IPv6-Route;ipv6-frag 44 IPv6-Frag;"
            + "idrp 45 IDRP;rsvp 46 RSVP;gre 47 GRE;esp 50 IPSEC-ESP;ah 51 IPSEC-AH;skip 57 SKIP;"
            + "ipv6-icmp 58 IPv6-ICMP;ipv6-nonxt 59 IPv6-NoNxt;ipv6-opts 60 IPv6-Opts;rspf 73 RSPF;"
            + "vmtp 81 VMTP;eigrp 88 EIGRP;ospf 89 OSPFIGP;ax.25 93 AX.25;ipip 94 IPIP;etherip 97 ETHERIP;"
            + "encap 98 ENCAP;pim 103 PIM;ipcomp 108 IPCOMP;vrrp 112 VRRP;l2tp 115 L2TP;isis 124 ISIS;"
            + "sctp 132 SCTP;fc 133 FC;mobility-header 135 Mobility-Header;udplite 136 UDPLite;"
            + "mpls-in-ip 137 MPLS-in-IP;manet 138;hip 139 HIP;shim6 140 Shim6;wesp 141 WESP;rohc 142 ROHC;"
            + "ethernet 143 Ethernet";
    private static final Map<String, Integer> BY_NAME = new HashMap<>();
    private static final Map<Integer, String> BY_NUMBER = new HashMap<>();

    static {
        for (String line : ETC_PROTOCOLS.split(";")) {
            String[] fields = line.split(" ");
            int number = Integer.parseInt(fields[1]);
            BY_NUMBER.putIfAbsent(number, fields[0]);
            for (int i = 0; i < fields.length; i++) {
                if (i != 1) {
                    BY_NAME.putIfAbsent(fields[i], number);
                }
            }
        }
    }

    private Protocols() {
    }

    /** Whether the kernel's tuple for this protocol holds ports. */
    static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == UDPLITE || protocol == SCTP;
    }

    /** The name conntrack (libnetfilter_conntrack's {@code proto2str}) prints, "unknown" for the rest. */
    static String conntrackName(int protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case UDPLITE -> "udplite";
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            case SCTP -> "sctp";
            case GRE -> "gre";
            case DCCP -> "dccp";
            default -> "unknown";
        };
    }

    /**
     * The name /proc/net/nf_conntrack prints: the name of the kernel tracker that handles the protocol
     * ({@code l4proto_name}); nflab tracks SCTP with the generic tracker, so it prints "unknown" there.
     */
    static String procName(int protocol) {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case UDPLITE -> "udplite";
            case ICMP -> "icmp";
            case GRE -> "gre";
            default -> "unknown";
        };
    }

    /** {@code getprotobynumber(...)->p_name} over Debian's /etc/protocols. */
    static java.util.Optional<String> etcProtocolsName(int number) {
        return java.util.Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** {@code getprotobyname} over Debian's /etc/protocols. */
    static OptionalInt byEtcProtocolsName(String name) {
        Integer number = BY_NAME.get(name);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }
}
