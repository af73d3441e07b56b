package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.PkttypeMatch;
import io.nflab.netfilter.match.PkttypeMatch.PacketType;
import java.util.List;
import java.util.Locale;

/** {@code -m pkttype [!] --pkt-type unicast|broadcast|multicast|otherhost} (and the aliases host, bcast, mcast). */
public final class PkttypeExtension implements MatchExtension<PkttypeMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("pkt-type", 0));

    @Override
    public String name() {
        return "pkttype";
    }

    @Override
    public Class<PkttypeMatch> type() {
        return PkttypeMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<PkttypeMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("pkttype", OPTIONS, 0) {
            private PkttypeMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                PacketType type = switch (argument.toLowerCase(Locale.ROOT)) {
                    case "unicast", "host" -> PacketType.UNICAST;
                    case "broadcast", "bcast" -> PacketType.BROADCAST;
                    case "multicast", "mcast" -> PacketType.MULTICAST;
                    case "otherhost" -> PacketType.OTHERHOST;
                    default -> throw IptablesException.parameter("Bad packet type '" + argument + "'");
                };
                match = new PkttypeMatch(type, inverted);
            }

            @Override
            public PkttypeMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("pkttype: option \"--pkt-type\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(PkttypeMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --pkt-type ").append(match.type().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void print(PkttypeMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" PKTTYPE ").append(match.negated() ? "!" : "").append("= ")
                .append(match.type().name().toLowerCase(Locale.ROOT));
    }
}
