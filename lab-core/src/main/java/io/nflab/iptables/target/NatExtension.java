package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.NatRange;
import io.nflab.netfilter.target.NatTarget;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code -j DNAT --to-destination …} and {@code -j SNAT --to-source …} (libxt_NAT), one instance per kind. */
public final class NatExtension implements TargetExtension<NatTarget> {
    private static final int TO = 0;
    private static final int RANDOM = 1;
    private static final int RANDOM_FULLY = 2;
    private static final int PERSISTENT = 3;

    private final NatTarget.Kind kind;
    private final List<ExtensionOption> options;

    private NatExtension(NatTarget.Kind kind, List<ExtensionOption> options) {
        this.kind = kind;
        this.options = options;
    }

    public static NatExtension dnat() {
        return new NatExtension(NatTarget.Kind.DNAT, List.of(
                ExtensionOption.withArgument("to-destination", TO),
                ExtensionOption.flag("random", RANDOM),
                ExtensionOption.flag("persistent", PERSISTENT)));
    }

    public static NatExtension snat() {
        return new NatExtension(NatTarget.Kind.SNAT, List.of(
                ExtensionOption.withArgument("to-source", TO),
                ExtensionOption.flag("random", RANDOM),
                ExtensionOption.flag("random-fully", RANDOM_FULLY),
                ExtensionOption.flag("persistent", PERSISTENT)));
    }

    @Override
    public String name() {
        return kind.name();
    }

    @Override
    public Class<NatTarget> type() {
        return NatTarget.class;
    }

    @Override
    public boolean prints(NatTarget target) {
        return target.kind() == kind;
    }

    @Override
    public List<ExtensionOption> options() {
        return options;
    }

    @Override
    public OptionParser<NatTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>(kind.name(), options) {
            private NatRange range = NatRange.NONE;
            private boolean random;
            private boolean fullyRandom;
            private boolean persistent;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case TO -> range = NatRanges.parseTo(argument, NatRanges.portsAllowed(rule.protocol()));
                    case RANDOM -> random = true;
                    case RANDOM_FULLY -> fullyRandom = true;
                    default -> persistent = true;
                }
            }

            @Override
            public NatTarget finish() {
                if (!seen(TO)) {
                    throw IptablesException.parameter(kind.name() + ": option \"--" + canonicalName(TO)
                            + "\" must be specified\n");
                }
                return new NatTarget(kind, range, random, persistent, fullyRandom);
            }
        };
    }

    @Override
    public void save(NatTarget target, IpSpec ip, StringBuilder out) {
        NatRanges.print(target.range(), "--" + options.get(0).name() + " ", "--", false,
                target.random(), target.fullyRandom(), target.persistent(), out);
    }

    @Override
    public void print(NatTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        NatRanges.print(target.range(), "to:", "", false, target.random(), target.fullyRandom(),
                target.persistent(), out);
    }

    @Override
    public boolean kernelAccepts(NatTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        Set<Hook> allowed = kind == NatTarget.Kind.DNAT ? EnumSet.of(Hook.PREROUTING, Hook.OUTPUT)
                : EnumSet.of(Hook.POSTROUTING, Hook.INPUT);
        return table == TableKind.NAT && allowed.containsAll(hooks);
    }
}
