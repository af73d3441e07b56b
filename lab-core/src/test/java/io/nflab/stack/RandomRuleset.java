package io.nflab.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but valid rulesets for the gateway of {@link RandomCase#TOPOLOGY}, in iptables-restore format: the
 * filter table's INPUT, FORWARD and OUTPUT chains with random policies, up to two user chains, rules
 * combining {@code -p -s -d -i -o --dport --sport}, state/conntrack, multiport, iprange, tcp flags and ICMP
 * types, with the targets ACCEPT, DROP, REJECT (every {@code --reject-with}), RETURN, LOG and jumps; and
 * sometimes a nat table with DNAT/REDIRECT in PREROUTING and SNAT/MASQUERADE in POSTROUTING.
 *
 * <p>Left out on purpose: {@code -m limit} (time-dependent), NAT port ranges (the kernel picks at random
 * within them), and addresses nobody answers ARP for (a three-second wait per packet).
 */
final class RandomRuleset {
    private static final String[] ADDRESSES = {"10.1.0.2", "10.1.0.0/24", "10.2.0.2", "10.2.0.0/24", "10.0.0.0/8",
            "10.1.0.1", "10.2.0.1", "192.0.2.1", "10.2.0.0/23"};
    private static final String[] PORTS = {"22", "53", "80", "443", "8080", "81", "8000", "2222", "5353",
            "1000:2000", "1024:65535", "0:100"};
    private static final String[] MULTIPORTS = {"22,80,443", "53,5353", "80:90,8080", "22,8000:8080"};
    private static final String[] STATES = {"NEW", "ESTABLISHED", "RELATED,ESTABLISHED", "INVALID", "NEW,RELATED",
            "ESTABLISHED,RELATED,NEW", "UNTRACKED"};
    private static final String[] CTSTATES = {"NEW", "ESTABLISHED", "RELATED,ESTABLISHED", "INVALID", "DNAT",
            "SNAT", "NEW,ESTABLISHED"};
    private static final String[] RANGES = {"10.1.0.1-10.1.0.9", "10.2.0.2-10.2.0.2", "10.0.0.0-10.1.255.255",
            "10.2.0.3-10.2.0.200"};
    private static final String[] TCP_FLAGS = {"--syn", "! --syn", "--tcp-flags SYN,RST,ACK,FIN SYN",
            "--tcp-flags ALL ACK", "--tcp-flags RST RST", "--tcp-flags SYN,ACK SYN,ACK", "--tcp-flags FIN,ACK FIN,ACK"};
    private static final String[] ICMP_TYPES = {"echo-request", "echo-reply", "destination-unreachable",
            "port-unreachable", "8", "time-exceeded", "0/0"};
    private static final String[] REJECT_WITH = {"icmp-net-unreachable", "icmp-host-unreachable",
            "icmp-port-unreachable", "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited",
            "icmp-admin-prohibited"};

    private final Random random;

    RandomRuleset(Random random) {
        this.random = random;
    }

    /** The chain a rule is in: which interfaces it may name. */
    private enum Where {
        INPUT(true, false), FORWARD(true, true), OUTPUT(false, true), USER(true, true),
        PREROUTING(true, false), POSTROUTING(false, true);

        final boolean in;
        final boolean out;

        Where(boolean in, boolean out) {
            this.in = in;
            this.out = out;
        }
    }

    /** A ruleset; empty (no tables at all) now and then. */
    String generate() {
        if (random.nextInt(12) == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (random.nextInt(3) == 0) {
            text.append(nat());
        }
        text.append(filter());
        return text.toString();
    }

    private String filter() {
        int userChains = random.nextInt(3);
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < userChains; i++) {
            chains.add("chain" + i);
        }
        StringBuilder text = new StringBuilder("*filter\n");
        for (String builtin : List.of("INPUT", "FORWARD", "OUTPUT")) {
            String policy = random.nextInt(4) == 0 ? "DROP" : "ACCEPT";
            text.append(':').append(builtin).append(' ').append(policy).append(" [0:0]\n");
        }
        chains.forEach(c -> text.append(':').append(c).append(" - [0:0]\n"));
        for (Where where : List.of(Where.INPUT, Where.FORWARD, Where.OUTPUT)) {
            int rules = random.nextInt(6);
            for (int i = 0; i < rules; i++) {
                text.append("-A ").append(where.name()).append(filterRule(where, chains, 0)).append('\n');
            }
        }
        for (int c = 0; c < userChains; c++) {
            int rules = 1 + random.nextInt(4);
            for (int i = 0; i < rules; i++) {
                text.append("-A ").append(chains.get(c)).append(filterRule(Where.USER, chains, c + 1)).append('\n');
            }
        }
        return text.append("COMMIT\n").toString();
    }

    /** A filter rule; it may jump only to user chains from {@code firstJumpable} on, so there are no loops. */
    private String filterRule(Where where, List<String> chains, int firstJumpable) {
        StringBuilder rule = new StringBuilder();
        String proto = protocol();
        rule.append(proto.isEmpty() ? "" : " -p " + proto);
        rule.append(matches(where, proto));
        int pick = random.nextInt(20);
        if (pick < 5) {
            rule.append(" -j ACCEPT");
        } else if (pick < 9) {
            rule.append(" -j DROP");
        } else if (pick < 13) {
            String with = proto.equals("tcp") && random.nextBoolean() ? "tcp-reset"
                    : REJECT_WITH[random.nextInt(REJECT_WITH.length)];
            rule.append(" -j REJECT").append(random.nextInt(5) == 0 && !with.equals("tcp-reset") ? ""
                    : " --reject-with " + with);
        } else if (pick < 15 && where == Where.USER) {
            rule.append(" -j RETURN");
        } else if (pick < 17 && firstJumpable < chains.size()) {
            rule.append(" -j ").append(chains.get(firstJumpable + random.nextInt(chains.size() - firstJumpable)));
        } else if (pick < 18) {
            rule.append(" -j LOG --log-prefix \"cmp: \"");
        }
        return rule.toString();
    }

    private String protocol() {
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> "tcp";
            case 3, 4 -> "udp";
            case 5 -> "icmp";
            default -> "";
        };
    }

    /** Zero to three matches that suit the protocol and the chain. */
    private String matches(Where where, String proto) {
        StringBuilder m = new StringBuilder();
        if (random.nextInt(3) == 0) {
            m.append(negate()).append(" -s ").append(ADDRESSES[random.nextInt(ADDRESSES.length)]);
        }
        if (random.nextInt(3) == 0) {
            m.append(negate()).append(" -d ").append(ADDRESSES[random.nextInt(ADDRESSES.length)]);
        }
        if (where.in && random.nextInt(3) == 0) {
            m.append(negate()).append(" -i ").append(iface());
        }
        if (where.out && random.nextInt(3) == 0) {
            m.append(negate()).append(" -o ").append(iface());
        }
        boolean ports = proto.equals("tcp") || proto.equals("udp");
        String dportNegation = "";
        if (ports && random.nextInt(2) == 0) {
            dportNegation = negate();
            m.append(" -m ").append(proto).append(dportNegation).append(" --dport ")
                    .append(PORTS[random.nextInt(PORTS.length)]);
        }
        if (ports && random.nextInt(5) == 0) {
            // never both ports negated: iptables 1.8.9 compares them as one word (docs/fidelity.md)
            m.append(" -m ").append(proto).append(dportNegation.isEmpty() ? negate() : "").append(" --sport ")
                    .append(PORTS[random.nextInt(PORTS.length)]);
        }
        if (ports && random.nextInt(5) == 0) {
            m.append(" -m multiport").append(negate()).append(random.nextBoolean() ? " --dports " : " --ports ")
                    .append(MULTIPORTS[random.nextInt(MULTIPORTS.length)]);
        }
        if (proto.equals("tcp") && random.nextInt(4) == 0) {
            m.append(" -m tcp ").append(TCP_FLAGS[random.nextInt(TCP_FLAGS.length)]);
        }
        if (proto.equals("icmp") && random.nextInt(2) == 0) {
            m.append(" -m icmp").append(negate()).append(" --icmp-type ")
                    .append(ICMP_TYPES[random.nextInt(ICMP_TYPES.length)]);
        }
        if (random.nextInt(6) == 0) {
            m.append(" -m iprange").append(negate()).append(random.nextBoolean() ? " --src-range " : " --dst-range ")
                    .append(RANGES[random.nextInt(RANGES.length)]);
        }
        if (where != Where.PREROUTING && where != Where.POSTROUTING) {
            int state = random.nextInt(8);
            if (state == 0) {
                m.append(" -m state").append(negate()).append(" --state ")
                        .append(STATES[random.nextInt(STATES.length)]);
            } else if (state == 1) {
                m.append(" -m conntrack").append(negate()).append(" --ctstate ")
                        .append(CTSTATES[random.nextInt(CTSTATES.length)]);
            }
        }
        return m.toString();
    }

    private String iface() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> "eth0";
            case 2, 3 -> "eth1";
            case 4 -> "eth+";
            default -> "lo";
        };
    }

    private String negate() {
        return random.nextInt(6) == 0 ? " !" : "";
    }

    /** A nat table: port forwards and redirects in PREROUTING, source NAT in POSTROUTING. */
    private String nat() {
        StringBuilder text = new StringBuilder("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n");
        int pre = random.nextInt(4);
        for (int i = 0; i < pre; i++) {
            String extra = matches(Where.PREROUTING, "tcp");
            text.append("-A PREROUTING").append(switch (random.nextInt(6)) {
                case 0 -> " -i eth0 -p tcp -m tcp --dport 8000 -j DNAT --to-destination 10.2.0.2:80";
                case 1 -> " -p udp -m udp --dport 5353 -j DNAT --to-destination 10.2.0.2:53";
                case 2 -> " -d 10.1.0.1/32 -p tcp -m tcp --dport 2222 -j REDIRECT --to-ports 22";
                case 3 -> " -i eth1 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.1.0.2";
                case 4 -> " -d 10.1.0.1/32 -j DNAT --to-destination 10.2.0.2";
                default -> extra.isEmpty() ? " -p tcp -j ACCEPT" : " -p tcp" + extra + " -j REDIRECT --to-ports 22";
            }).append('\n');
        }
        int post = random.nextInt(3);
        for (int i = 0; i < post; i++) {
            text.append("-A POSTROUTING").append(switch (random.nextInt(4)) {
                case 0 -> " -o eth1 -j MASQUERADE";
                case 1 -> " -s 10.2.0.0/24 -o eth0 -j SNAT --to-source 10.1.0.1";
                case 2 -> " -p udp -o eth0 -j MASQUERADE";
                default -> " -s 10.1.0.0/24 -p tcp -j SNAT --to-source 10.2.0.1";
            }).append('\n');
        }
        return text.append("COMMIT\n").toString();
    }
}
