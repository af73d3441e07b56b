package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import java.util.List;
import java.util.Set;

/** {@code -j MASQUERADE [--to-ports P[-Q]] [--random] [--random-fully]}: nat POSTROUTING only. */
public final class MasqueradeExtension implements TargetExtension<MasqueradeTarget> {
    private static final int TO_PORTS = 0;
    private static final int RANDOM = 1;
    private static final int RANDOM_FULLY = 2;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("to-ports", TO_PORTS),
            ExtensionOption.flag("random", RANDOM),
            ExtensionOption.flag("random-fully", RANDOM_FULLY));

    @Override
    public String name() {
        return "MASQUERADE";
    }

    @Override
    public Class<MasqueradeTarget> type() {
        return MasqueradeTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<MasqueradeTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("MASQUERADE", OPTIONS) {
            private NatRange ports = NatRange.NONE;
            private boolean random;
            private boolean fullyRandom;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case TO_PORTS -> ports = NatRanges.parsePorts(argument, NatRanges.portsAllowed(rule.protocol()));
                    case RANDOM -> random = true;
                    default -> fullyRandom = true;
                }
            }

            @Override
            public MasqueradeTarget finish() {
                return new MasqueradeTarget(ports, random, fullyRandom);
            }
        };
    }

    @Override
    public void save(MasqueradeTarget target, IpSpec ip, StringBuilder out) {
        NatRanges.print(target.ports(), "--to-ports ", "--", true, target.random(), target.fullyRandom(), false, out);
    }

    @Override
    public void print(MasqueradeTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        NatRanges.print(target.ports(), "masq ports: ", "", true, target.random(), target.fullyRandom(), false, out);
    }

    @Override
    public boolean kernelAccepts(MasqueradeTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.NAT && Set.of(Hook.POSTROUTING).containsAll(hooks);
    }
}
