package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.TtlMatch;
import io.nflab.netfilter.match.TtlMatch.Comparison;
import java.util.List;

/** {@code -m ttl --ttl-eq/--ttl-lt/--ttl-gt N} ({@code ! --ttl-eq} tests for inequality). */
public final class TtlMatchExtension implements MatchExtension<TtlMatch> {
    private static final int EQ = 0;
    private static final int LT = 1;
    private static final int GT = 2;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("ttl-lt", LT),
            ExtensionOption.withArgument("ttl-gt", GT),
            ExtensionOption.withArgument("ttl-eq", EQ),
            ExtensionOption.withArgument("ttl", EQ));

    @Override
    public String name() {
        return "ttl";
    }

    @Override
    public Class<TtlMatch> type() {
        return TtlMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<TtlMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("ttl", OPTIONS, EQ) {
            private TtlMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                int value = (int) OptionValues.integer("ttl", canonicalName(id), argument, 0, 255);
                Comparison comparison = switch (id) {
                    case EQ -> inverted ? Comparison.NE : Comparison.EQ;
                    case LT -> Comparison.LT;
                    default -> Comparison.GT;
                };
                match = new TtlMatch(comparison, value);
            }

            @Override
            public TtlMatch finish() {
                checkExclusive(EQ, LT, GT);
                if (match == null) {
                    throw IptablesException.parameter("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
                }
                return match;
            }
        };
    }

    @Override
    public void save(TtlMatch match, IpSpec ip, StringBuilder out) {
        out.append(switch (match.comparison()) {
            case EQ -> " --ttl-eq";
            case NE -> " ! --ttl-eq";
            case LT -> " --ttl-lt";
            case GT -> " --ttl-gt";
        }).append(' ').append(match.value());
    }

    @Override
    public void print(TtlMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" TTL match ").append(switch (match.comparison()) {
            case EQ -> "TTL ==";
            case NE -> "TTL !=";
            case LT -> "TTL <";
            case GT -> "TTL >";
        }).append(' ').append(match.value());
    }
}
