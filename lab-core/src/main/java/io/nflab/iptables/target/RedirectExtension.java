package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.NatRange;
import io.nflab.netfilter.target.RedirectTarget;
import java.util.List;
import java.util.Set;

/** {@code -j REDIRECT [--to-ports P[-Q]] [--random]}: nat PREROUTING and OUTPUT only. */
public final class RedirectExtension implements TargetExtension<RedirectTarget> {
    private static final int TO_PORTS = 0;
    private static final int RANDOM = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("to-ports", TO_PORTS),
            ExtensionOption.flag("random", RANDOM));

    @Override
    public String name() {
        return "REDIRECT";
    }

    @Override
    public Class<RedirectTarget> type() {
        return RedirectTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<RedirectTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("REDIRECT", OPTIONS) {
            private NatRange ports = NatRange.NONE;
            private boolean random;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                if (id == TO_PORTS) {
                    ports = NatRanges.parsePorts(argument, NatRanges.portsAllowed(rule.protocol()));
                } else {
                    random = true;
                }
            }

            @Override
            public RedirectTarget finish() {
                return new RedirectTarget(ports, random);
            }
        };
    }

    @Override
    public void save(RedirectTarget target, IpSpec ip, StringBuilder out) {
        NatRanges.print(target.ports(), "--to-ports ", "--", true, target.random(), false, false, out);
    }

    @Override
    public void print(RedirectTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        NatRanges.print(target.ports(), "redir ports ", "", true, target.random(), false, false, out);
    }

    @Override
    public boolean kernelAccepts(RedirectTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.NAT && Set.of(Hook.PREROUTING, Hook.OUTPUT).containsAll(hooks);
    }
}
