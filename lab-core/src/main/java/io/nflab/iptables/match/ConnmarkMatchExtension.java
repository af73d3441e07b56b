package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.ConnmarkMatch;
import java.util.List;

/** {@code -m connmark [!] --mark VALUE[/MASK]}: the connection's mark. */
public final class ConnmarkMatchExtension implements MatchExtension<ConnmarkMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("mark", 0));

    @Override
    public String name() {
        return "connmark";
    }

    @Override
    public Class<ConnmarkMatch> type() {
        return ConnmarkMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<ConnmarkMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("connmark", OPTIONS, 0) {
            private ConnmarkMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                OptionValues.ValueMask pair = OptionValues.markMask("connmark", "mark", argument);
                match = new ConnmarkMatch(pair.value(), pair.mask(), inverted);
            }

            @Override
            public ConnmarkMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("connmark: option \"--mark\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(ConnmarkMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --mark ")
                .append(MarkMatchExtension.markMask(match.value(), match.mask()));
    }

    @Override
    public void print(ConnmarkMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" connmark match ").append(match.negated() ? "!" : "").append(' ')
                .append(MarkMatchExtension.markMask(match.value(), match.mask()));
    }
}
