package io.nflab.iptables.target;

import io.nflab.iptables.DscpClasses;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.iptables.TosValues;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.DscpTarget;
import java.util.List;
import java.util.Set;

/** {@code -j DSCP --set-dscp N / --set-dscp-class CLASS} (libxt_DSCP, mangle only). */
public final class DscpExtension implements TargetExtension<DscpTarget> {
    private static final int SET = 0;
    private static final int SET_CLASS = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("set-dscp", SET),
            ExtensionOption.withArgument("set-dscp-class", SET_CLASS));

    @Override
    public String name() {
        return "DSCP";
    }

    @Override
    public Class<DscpTarget> type() {
        return DscpTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<DscpTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("DSCP", OPTIONS) {
            private int dscp;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                dscp = id == SET ? (int) OptionValues.integer("DSCP", "set-dscp", argument, 0, 63)
                        : DscpClasses.parse(argument);
            }

            @Override
            public DscpTarget finish() {
                checkExclusive(SET, SET_CLASS);
                if (!seenAny()) {
                    throw IptablesException.parameter("DSCP target: Parameter --set-dscp is required");
                }
                return new DscpTarget(dscp);
            }
        };
    }

    @Override
    public void save(DscpTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --set-dscp ").append(TosValues.hex2(target.dscp()));
    }

    @Override
    public void print(DscpTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" DSCP set ").append(TosValues.hex2(target.dscp()));
    }

    @Override
    public boolean kernelAccepts(DscpTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.MANGLE;
    }
}
