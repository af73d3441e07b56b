package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TosValues;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.TosMatch;
import java.util.List;

/** {@code -m tos [!] --tos VALUE[/MASK] | NAME} (revision 1). */
public final class TosMatchExtension implements MatchExtension<TosMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("tos", 0));

    @Override
    public String name() {
        return "tos";
    }

    @Override
    public Class<TosMatch> type() {
        return TosMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<TosMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("tos", OPTIONS, 0) {
            private TosMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                OptionValues.ValueMask pair = TosValues.parse("tos", "tos", argument, 0x3f);
                match = new TosMatch((int) pair.value(), (int) pair.mask(), inverted);
            }

            @Override
            public TosMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("tos: option \"--tos\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(TosMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --tos ").append(TosValues.hex2(match.value())).append('/')
                .append(TosValues.hex2(match.mask()));
    }

    @Override
    public void print(TosMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" tos match").append(match.negated() ? "!" : "");
        String symbol = numeric ? null : TosValues.symbol(match.value(), match.mask());
        if (symbol != null) {
            out.append(' ').append(symbol);
        } else {
            out.append(TosValues.hex2(match.value())).append('/').append(TosValues.hex2(match.mask()));
        }
    }
}
