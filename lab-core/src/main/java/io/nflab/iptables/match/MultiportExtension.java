package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.Ports;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.MultiportMatch;
import io.nflab.netfilter.match.MultiportMatch.Direction;
import java.util.ArrayList;
import java.util.List;

/** {@code -m multiport --sports/--dports/--ports} (revision 1): up to 15 port slots, a range takes two. */
public final class MultiportExtension implements MatchExtension<MultiportMatch> {
    private static final int SOURCE = 0;
    private static final int DESTINATION = 1;
    private static final int EITHER = 2;
    private static final int SLOTS = 15;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("source-ports", SOURCE),
            ExtensionOption.withArgument("sports", SOURCE),
            ExtensionOption.withArgument("destination-ports", DESTINATION),
            ExtensionOption.withArgument("dports", DESTINATION),
            ExtensionOption.withArgument("ports", EITHER));

    @Override
    public String name() {
        return "multiport";
    }

    @Override
    public Class<MultiportMatch> type() {
        return MultiportMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<MultiportMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("multiport", OPTIONS, SOURCE, DESTINATION, EITHER) {
            private MultiportMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                String protocol = protocolName(rule);
                Direction direction = id == SOURCE ? Direction.SOURCE : id == DESTINATION ? Direction.DESTINATION
                        : Direction.EITHER;
                match = new MultiportMatch(direction, parsePorts(argument, protocol), inverted);
            }

            @Override
            public MultiportMatch finish() {
                checkExclusive(SOURCE, DESTINATION, EITHER);
                if (match == null) {
                    throw IptablesException.parameter("multiport expection an option");
                }
                return match;
            }
        };
    }

    private static String protocolName(RuleContext rule) {
        if (rule.protocolNegated()) {
            throw IptablesException.parameter("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        }
        return switch (rule.protocol()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 132 -> "sctp";
            case 33 -> "dccp";
            case 0 -> throw IptablesException.parameter(
                    "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            default -> throw IptablesException.parameter("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        };
    }

    private static List<PortRange> parsePorts(String text, String protocol) {
        List<PortRange> ranges = new ArrayList<>();
        String[] items = text.split(",", -1);
        int slots = 0;
        for (String item : items) {
            if (slots >= SLOTS) {
                throw IptablesException.parameter("too many ports specified");
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                ranges.add(PortRange.single(Ports.parse(item, protocol)));
                slots++;
                continue;
            }
            if (slots == SLOTS - 1) {
                throw IptablesException.parameter("too many ports specified");
            }
            int first = Ports.parse(item.substring(0, colon), protocol);
            int last = Ports.parse(item.substring(colon + 1), protocol);
            if (first >= last) {
                throw IptablesException.parameter("invalid portrange specified");
            }
            ranges.add(new PortRange(first, last));
            slots += 2;
        }
        return ranges;
    }

    @Override
    public void save(MultiportMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(switch (match.direction()) {
            case SOURCE -> " --sports ";
            case DESTINATION -> " --dports ";
            case EITHER -> " --ports ";
        });
        appendPorts(match, null, true, out);
    }

    @Override
    public void print(MultiportMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" multiport ").append(switch (match.direction()) {
            case SOURCE -> "sports ";
            case DESTINATION -> "dports ";
            case EITHER -> "ports ";
        });
        if (match.negated()) {
            out.append(" !");
        }
        String protocol = io.nflab.iptables.Protocols.name(ip.protocol().value(), false).orElse(null);
        appendPorts(match, protocol, numeric, out);
    }

    private static void appendPorts(MultiportMatch match, String protocol, boolean numeric, StringBuilder out) {
        boolean first = true;
        for (PortRange range : match.ports()) {
            out.append(first ? "" : ",").append(Ports.name(range.first(), protocol, numeric));
            if (!range.isSingle()) {
                out.append(':').append(Ports.name(range.last(), protocol, numeric));
            }
            first = false;
        }
    }
}
