package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.target.TtlTarget;
import java.util.List;
import java.util.Set;

/** {@code -j TTL --ttl-set/--ttl-dec/--ttl-inc N} (libipt_TTL, mangle only). */
public final class TtlExtension implements TargetExtension<TtlTarget> {
    private static final int SET = 0;
    private static final int DEC = 1;
    private static final int INC = 2;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("ttl-set", SET),
            ExtensionOption.withArgument("ttl-dec", DEC),
            ExtensionOption.withArgument("ttl-inc", INC));

    @Override
    public String name() {
        return "TTL";
    }

    @Override
    public Class<TtlTarget> type() {
        return TtlTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<TtlTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("TTL", OPTIONS) {
            private TtlTarget.Mode mode = TtlTarget.Mode.SET;
            private int value;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                value = (int) OptionValues.integer("TTL", canonicalName(id), argument, id == SET ? 0 : 1, 255);
                mode = id == SET ? TtlTarget.Mode.SET : id == DEC ? TtlTarget.Mode.DEC : TtlTarget.Mode.INC;
            }

            @Override
            public TtlTarget finish() {
                checkExclusive(SET, DEC, INC);
                if (!seenAny()) {
                    throw IptablesException.parameter("TTL: You must specify an action");
                }
                return new TtlTarget(mode, value);
            }
        };
    }

    @Override
    public void save(TtlTarget target, IpSpec ip, StringBuilder out) {
        out.append(switch (target.mode()) {
            case SET -> " --ttl-set";
            case DEC -> " --ttl-dec";
            case INC -> " --ttl-inc";
        }).append(' ').append(target.value());
    }

    @Override
    public void print(TtlTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" TTL ").append(switch (target.mode()) {
            case SET -> "set to";
            case DEC -> "decrement by";
            case INC -> "increment by";
        }).append(' ').append(target.value());
    }

    @Override
    public boolean kernelAccepts(TtlTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.MANGLE;
    }
}
