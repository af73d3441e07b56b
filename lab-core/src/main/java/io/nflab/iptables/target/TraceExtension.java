package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.target.TraceTarget;
import java.util.List;

/** {@code -j TRACE}: the nf_tables backend turns it into {@code meta nftrace set 1}, allowed in every table. */
public final class TraceExtension implements TargetExtension<TraceTarget> {

    @Override
    public String name() {
        return "TRACE";
    }

    @Override
    public Class<TraceTarget> type() {
        return TraceTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return List.of();
    }

    @Override
    public OptionParser<TraceTarget> newParser(RuleContext rule) {
        return new OptionParser<>() {
            @Override
            public void option(ExtensionOption option, String argument, boolean inverted) {
                throw new IllegalStateException("TRACE has no options");
            }

            @Override
            public TraceTarget finish() {
                return TraceTarget.INSTANCE;
            }
        };
    }

    @Override
    public void save(TraceTarget target, IpSpec ip, StringBuilder out) {
        // TRACE has nothing to save
    }

    @Override
    public void print(TraceTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        // TRACE prints nothing after its name
    }
}
