package io.nflab.iptables.target;

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
import io.nflab.netfilter.target.TosTarget;
import java.util.List;
import java.util.Set;

/** {@code -j TOS} (libxt_TOS revision 1, mangle only): {@code --set-tos}, {@code --and-tos}, {@code --or-tos}, {@code --xor-tos}. */
public final class TosExtension implements TargetExtension<TosTarget> {
    private static final int SET = 0;
    private static final int AND = 1;
    private static final int OR = 2;
    private static final int XOR = 3;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("set-tos", SET),
            ExtensionOption.withArgument("and-tos", AND),
            ExtensionOption.withArgument("or-tos", OR),
            ExtensionOption.withArgument("xor-tos", XOR));

    @Override
    public String name() {
        return "TOS";
    }

    @Override
    public Class<TosTarget> type() {
        return TosTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<TosTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("TOS", OPTIONS) {
            private int value;
            private int mask;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                if (id == SET) {
                    OptionValues.ValueMask pair = TosValues.parse("TOS", "set-tos", argument, 0x3f);
                    value = (int) pair.value();
                    mask = (int) pair.mask();
                    return;
                }
                int number = (int) OptionValues.integer("TOS", canonicalName(id), argument, 0, 255);
                switch (id) {
                    case AND -> {
                        value = 0;
                        mask = ~number & 0xff;
                    }
                    case OR -> {
                        value = number;
                        mask = number;
                    }
                    default -> {
                        value = number;
                        mask = 0;
                    }
                }
            }

            @Override
            public TosTarget finish() {
                checkExclusive(SET, AND, OR, XOR);
                if (!seenAny()) {
                    throw IptablesException.parameter("TOS: An action is required");
                }
                return new TosTarget(value, mask);
            }
        };
    }

    @Override
    public void save(TosTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --set-tos ").append(TosValues.hex2(target.value())).append('/').append(TosValues.hex2(target.mask()));
    }

    @Override
    public void print(TosTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        int value = target.value();
        int mask = target.mask();
        String symbol = numeric ? null : TosValues.symbol(value, mask);
        if (numeric) {
            out.append(" TOS set ").append(TosValues.hex2(value)).append('/').append(TosValues.hex2(mask));
        } else if (symbol != null) {
            out.append("  TOS set").append(symbol);
        } else if (value == 0) {
            out.append(" TOS and ").append(TosValues.hex2(~mask));
        } else if (value == mask) {
            out.append(" TOS or ").append(TosValues.hex2(value));
        } else if (mask == 0) {
            out.append(" TOS xor ").append(TosValues.hex2(value));
        } else {
            out.append(" TOS set ").append(TosValues.hex2(value)).append('/').append(TosValues.hex2(mask));
        }
    }

    @Override
    public boolean kernelAccepts(TosTarget target, IpSpec ip, TableKind table, Set<Hook> hooks) {
        return table == TableKind.MANGLE;
    }
}
