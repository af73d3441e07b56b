package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.NotrackTarget;
import java.util.List;
import java.util.Set;

/** {@code -j NOTRACK} (raw only): saved as NOTRACK, listed as the CT target it really is. */
public final class NotrackExtension implements TargetExtension<NotrackTarget> {

    @Override
    public String name() {
        return "NOTRACK";
    }

    @Override
    public Class<NotrackTarget> type() {
        return NotrackTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return List.of();
    }

    @Override
    public OptionParser<NotrackTarget> newParser(RuleContext rule) {
        return new OptionParser<>() {
            @Override
            public void option(ExtensionOption option, String argument, boolean inverted) {
                throw new IllegalStateException("NOTRACK has no options");
            }

            @Override
            public NotrackTarget finish() {
                return NotrackTarget.INSTANCE;
            }
        };
    }

    @Override
    public void save(NotrackTarget target, IpSpec ip, StringBuilder out) {
        // NOTRACK saves as its name alone
    }

    @Override
    public void print(NotrackTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" NOTRACK");
    }

    @Override
    public String listName(NotrackTarget target) {
        return "CT";
    }

    @Override
    public boolean kernelAccepts(NotrackTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.RAW;
    }
}
