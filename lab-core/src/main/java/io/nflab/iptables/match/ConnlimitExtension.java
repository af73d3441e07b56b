package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.ConnlimitMatch;
import java.util.List;

/** {@code -m connlimit --connlimit-above/--connlimit-upto N [--connlimit-mask L] [--connlimit-saddr|daddr]}. */
public final class ConnlimitExtension implements MatchExtension<ConnlimitMatch> {
    private static final int UPTO = 0;
    private static final int ABOVE = 1;
    private static final int MASK = 2;
    private static final int SADDR = 3;
    private static final int DADDR = 4;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("connlimit-upto", UPTO),
            ExtensionOption.withArgument("connlimit-above", ABOVE),
            ExtensionOption.withArgument("connlimit-mask", MASK),
            ExtensionOption.flag("connlimit-saddr", SADDR),
            ExtensionOption.flag("connlimit-daddr", DADDR));

    @Override
    public String name() {
        return "connlimit";
    }

    @Override
    public Class<ConnlimitMatch> type() {
        return ConnlimitMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<ConnlimitMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("connlimit", OPTIONS, UPTO, ABOVE) {
            private long limit;
            private boolean upto;
            private int mask = 32;
            private boolean perDestination;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case UPTO, ABOVE -> {
                        limit = OptionValues.integer("connlimit", canonicalName(id), argument, 0, 0xffffffffL);
                        upto = (id == UPTO) != inverted;
                    }
                    case MASK -> mask = (int) Math.min(32,
                            OptionValues.integer("connlimit", "connlimit-mask", argument, 0, 128));
                    case SADDR -> perDestination = false;
                    default -> perDestination = true;
                }
            }

            @Override
            public ConnlimitMatch finish() {
                checkExclusive(UPTO, ABOVE);
                checkExclusive(SADDR, DADDR);
                if (!seen(UPTO) && !seen(ABOVE)) {
                    throw IptablesException.parameter("You must specify \"--connlimit-above\" or \"--connlimit-upto\".");
                }
                return new ConnlimitMatch(limit, mask, upto, perDestination);
            }
        };
    }

    @Override
    public void save(ConnlimitMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.upto() ? " --connlimit-upto " : " --connlimit-above ").append(match.limit())
                .append(" --connlimit-mask ").append(match.prefixLength())
                .append(match.perDestination() ? " --connlimit-daddr" : " --connlimit-saddr");
    }

    @Override
    public void print(ConnlimitMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" #conn ").append(match.perDestination() ? "dst" : "src").append('/').append(match.prefixLength())
                .append(match.upto() ? " <= " : " > ").append(match.limit());
    }
}
