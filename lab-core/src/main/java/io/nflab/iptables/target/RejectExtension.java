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
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.netfilter.target.RejectTarget.RejectWith;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code -j REJECT [--reject-with TYPE]} (libipt_REJECT); the kernel allows it in filter's INPUT, FORWARD, OUTPUT. */
public final class RejectExtension implements TargetExtension<RejectTarget> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("reject-with", 0));
    private static final Set<Hook> HOOKS = EnumSet.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT);

    @Override
    public String name() {
        return "REJECT";
    }

    @Override
    public Class<RejectTarget> type() {
        return RejectTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<RejectTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("REJECT", OPTIONS) {
            private RejectWith with = RejectWith.ICMP_PORT_UNREACHABLE;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                with = parseType(argument);
            }

            @Override
            public RejectTarget finish() {
                return new RejectTarget(with);
            }
        };
    }

    /** A case-insensitive prefix of a type name or its alias; the first in the kernel's order wins. */
    static RejectWith parseType(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (RejectWith with : RejectWith.values()) {
            if (with.label() != null && (with.label().startsWith(lower) || with.alias().startsWith(lower))) {
                return with;
            }
        }
        throw IptablesException.parameter("unknown reject type \"" + text + "\"");
    }

    @Override
    public void save(RejectTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --reject-with ").append(target.with().label());
    }

    @Override
    public void print(RejectTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" reject-with ").append(target.with().label());
    }

    @Override
    public boolean kernelAccepts(RejectTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        if (table != TableKind.FILTER || !HOOKS.containsAll(hooks)) {
            return false;
        }
        return target.with() != RejectWith.TCP_RESET || ip.protocol().value() == 6 && !ip.protocol().negated();
    }
}
