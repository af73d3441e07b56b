package io.nflab.iptables.match;

import io.nflab.address.Ipv4Address;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.RecentMatch;
import io.nflab.netfilter.match.RecentMatch.Mode;
import io.nflab.netfilter.match.RecentMatch.Side;
import java.util.List;

/** {@code -m recent} (revision 1): the list operations and their parameters, as the ssh brute-force recipe uses them. */
public final class RecentExtension implements MatchExtension<RecentMatch> {
    private static final int SET = 0;
    private static final int RCHECK = 1;
    private static final int UPDATE = 2;
    private static final int REMOVE = 3;
    private static final int SECONDS = 4;
    private static final int REAP = 5;
    private static final int HITCOUNT = 6;
    private static final int RTTL = 7;
    private static final int NAME = 8;
    private static final int RSOURCE = 9;
    private static final int RDEST = 10;
    private static final int MASK = 11;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.flag("set", SET),
            ExtensionOption.flag("rcheck", RCHECK),
            ExtensionOption.flag("update", UPDATE),
            ExtensionOption.flag("remove", REMOVE),
            ExtensionOption.withArgument("seconds", SECONDS),
            ExtensionOption.flag("reap", REAP),
            ExtensionOption.withArgument("hitcount", HITCOUNT),
            ExtensionOption.flag("rttl", RTTL),
            ExtensionOption.withArgument("name", NAME),
            ExtensionOption.flag("rsource", RSOURCE),
            ExtensionOption.flag("rdest", RDEST),
            ExtensionOption.withArgument("mask", MASK));
    private static final int NAME_SIZE = 200;

    @Override
    public String name() {
        return "recent";
    }

    @Override
    public Class<RecentMatch> type() {
        return RecentMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<RecentMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("recent", OPTIONS, SET, RCHECK, UPDATE, REMOVE) {
            private Mode mode;
            private boolean negated;
            private long seconds;
            private long hitCount;
            private boolean reap;
            private boolean rttl;
            private String name = "DEFAULT";
            private Side side = Side.SOURCE;
            private Ipv4Address mask = Ipv4Address.BROADCAST;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case SET, RCHECK, UPDATE, REMOVE -> {
                        mode = id == SET ? Mode.SET : id == RCHECK ? Mode.CHECK : id == UPDATE ? Mode.UPDATE : Mode.REMOVE;
                        negated |= inverted;
                    }
                    case SECONDS -> seconds = OptionValues.integer("recent", "seconds", argument, 1, 0xffffffffL);
                    case REAP -> reap = true;
                    case HITCOUNT -> hitCount = OptionValues.integer("recent", "hitcount", argument, 0, 0xffffffffL);
                    case RTTL -> rttl = true;
                    case NAME -> name = argument.length() >= NAME_SIZE ? argument.substring(0, NAME_SIZE - 1) : argument;
                    case RSOURCE -> side = Side.SOURCE;
                    case RDEST -> side = Side.DESTINATION;
                    default -> mask = Ipv4Address.tryParse(argument).orElseThrow(() ->
                            IptablesException.parameter("host/network `" + argument + "' not found"));
                }
            }

            @Override
            public RecentMatch finish() {
                if (mode == null) {
                    throw IptablesException.parameter("recent: you must specify one of `--set', `--rcheck' "
                            + "`--update' or `--remove'");
                }
                checkExclusive(SET, RCHECK, UPDATE, REMOVE);
                if (reap && !seen(SECONDS)) {
                    throw IptablesException.parameter("recent: option \"--reap\" also requires \"--seconds\".\n");
                }
                if (rttl && (mode == Mode.SET || mode == Mode.REMOVE)) {
                    throw IptablesException.parameter("recent: option \"--rttl\" cannot be used together with \"--"
                            + (mode == Mode.SET ? "set" : "remove") + "\".\n");
                }
                return new RecentMatch(name, mode, seconds, hitCount, reap, rttl, side, mask, negated);
            }
        };
    }

    @Override
    public void save(RecentMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(switch (match.mode()) {
            case SET -> " --set";
            case CHECK -> " --rcheck";
            case UPDATE -> " --update";
            case REMOVE -> " --remove";
        });
        if (match.seconds() != 0) {
            out.append(" --seconds ").append(match.seconds());
        }
        if (match.reap()) {
            out.append(" --reap");
        }
        if (match.hitCount() != 0) {
            out.append(" --hitcount ").append(match.hitCount());
        }
        if (match.rttl()) {
            out.append(" --rttl");
        }
        out.append(" --name ").append(match.name()).append(" --mask ").append(match.mask())
                .append(match.side() == Side.SOURCE ? " --rsource" : " --rdest");
    }

    @Override
    public void print(RecentMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" recent:").append(switch (match.mode()) {
            case SET -> " SET";
            case CHECK -> " CHECK";
            case UPDATE -> " UPDATE";
            case REMOVE -> " REMOVE";
        });
        if (match.seconds() != 0) {
            out.append(" seconds: ").append(match.seconds());
        }
        if (match.reap()) {
            out.append(" reap");
        }
        if (match.hitCount() != 0) {
            out.append(" hit_count: ").append(match.hitCount());
        }
        if (match.rttl()) {
            out.append(" TTL-Match");
        }
        out.append(" name: ").append(match.name())
                .append(match.side() == Side.SOURCE ? " side: source" : " side: dest")
                .append(" mask: ").append(match.mask());
    }
}
