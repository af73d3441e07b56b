package io.nflab.iptables.target;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.iptables.TargetExtension;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.target.MarkTarget;
import java.util.List;

/** {@code -j MARK} (libxt_MARK revision 2): every form becomes {@code --set-xmark value/mask}. */
public final class MarkExtension implements TargetExtension<MarkTarget> {
    private static final int SET_XMARK = 0;
    private static final int SET_MARK = 1;
    private static final int AND_MARK = 2;
    private static final int OR_MARK = 3;
    private static final int XOR_MARK = 4;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("set-xmark", SET_XMARK),
            ExtensionOption.withArgument("set-mark", SET_MARK),
            ExtensionOption.withArgument("and-mark", AND_MARK),
            ExtensionOption.withArgument("or-mark", OR_MARK),
            ExtensionOption.withArgument("xor-mark", XOR_MARK));
    private static final long ALL = 0xffffffffL;

    @Override
    public String name() {
        return "MARK";
    }

    @Override
    public Class<MarkTarget> type() {
        return MarkTarget.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<MarkTarget> newParser(RuleContext rule) {
        return new StandardOptionParser<>("MARK", OPTIONS) {
            private long value;
            private long mask;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                String option = canonicalName(id);
                switch (id) {
                    case SET_XMARK -> {
                        OptionValues.ValueMask pair = OptionValues.markMask("MARK", option, argument);
                        value = pair.value();
                        mask = pair.mask();
                    }
                    case SET_MARK -> {
                        OptionValues.ValueMask pair = OptionValues.markMask("MARK", option, argument);
                        value = pair.value();
                        mask = pair.value() | pair.mask();
                    }
                    case AND_MARK -> {
                        value = 0;
                        mask = ~OptionValues.integer("MARK", option, argument, 0, ALL) & ALL;
                    }
                    case OR_MARK -> {
                        value = OptionValues.integer("MARK", option, argument, 0, ALL);
                        mask = value;
                    }
                    default -> {
                        value = OptionValues.integer("MARK", option, argument, 0, ALL);
                        mask = 0;
                    }
                }
            }

            @Override
            public MarkTarget finish() {
                checkExclusive(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK);
                if (!seenAny()) {
                    throw IptablesException.parameter("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
                }
                return new MarkTarget(value, mask);
            }
        };
    }

    @Override
    public void save(MarkTarget target, IpSpec ip, StringBuilder out) {
        out.append(" --set-xmark ").append(OptionValues.hex(target.value())).append('/')
                .append(OptionValues.hex(target.mask()));
    }

    @Override
    public void print(MarkTarget target, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(' ').append(describe("MARK", target.value(), target.mask()));
    }

    /** The -L text of an xmark operation (shared with CONNMARK): and/or/xor/set/xset. */
    static String describe(String name, long value, long mask) {
        if (value == 0) {
            return name + " and " + OptionValues.hex(~mask);
        } else if (value == mask) {
            return name + " or " + OptionValues.hex(value);
        } else if (mask == 0) {
            return name + " xor " + OptionValues.hex(value);
        } else if (mask == ALL) {
            return name + " set " + OptionValues.hex(value);
        }
        return name + " xset " + OptionValues.hex(value) + "/" + OptionValues.hex(mask);
    }
}
