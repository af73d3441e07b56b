package io.nflab.iptables.match;

import io.nflab.iptables.DscpClasses;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TosValues;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.DscpMatch;
import java.util.List;

/** {@code -m dscp [!] --dscp N | [!] --dscp-class CLASS}. */
public final class DscpMatchExtension implements MatchExtension<DscpMatch> {
    private static final int DSCP = 0;
    private static final int CLASS = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("dscp", DSCP),
            ExtensionOption.withArgument("dscp-class", CLASS));

    @Override
    public String name() {
        return "dscp";
    }

    @Override
    public Class<DscpMatch> type() {
        return DscpMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<DscpMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("dscp", OPTIONS, DSCP, CLASS) {
            private DscpMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                int dscp = id == DSCP ? (int) OptionValues.integer("dscp", "dscp", argument, 0, 63)
                        : DscpClasses.parse(argument);
                match = new DscpMatch(dscp, inverted);
            }

            @Override
            public DscpMatch finish() {
                checkExclusive(DSCP, CLASS);
                if (match == null) {
                    throw IptablesException.parameter("DSCP match: Parameter --dscp is required");
                }
                return match;
            }
        };
    }

    @Override
    public void save(DscpMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --dscp ").append(TosValues.hex2(match.dscp()));
    }

    @Override
    public void print(DscpMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" DSCP match ").append(match.negated() ? "!" : "").append(TosValues.hex2(match.dscp()));
    }
}
