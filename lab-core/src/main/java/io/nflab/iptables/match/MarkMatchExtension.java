package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.OptionValues;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.MarkMatch;
import java.util.List;

/** {@code -m mark [!] --mark VALUE[/MASK]}. */
public final class MarkMatchExtension implements MatchExtension<MarkMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("mark", 0));

    @Override
    public String name() {
        return "mark";
    }

    @Override
    public Class<MarkMatch> type() {
        return MarkMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<MarkMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("mark", OPTIONS, 0) {
            private MarkMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                OptionValues.ValueMask pair = OptionValues.markMask("mark", "mark", argument);
                match = new MarkMatch(pair.value(), pair.mask(), inverted);
            }

            @Override
            public MarkMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("mark: option \"--mark\" must be specified\n");
                }
                return match;
            }
        };
    }

    /** {@code xtables_print_mark_mask}: the value, and the mask unless it is all ones. */
    static String markMask(long value, long mask) {
        return OptionValues.hex(value) + (mask == 0xffffffffL ? "" : "/" + OptionValues.hex(mask));
    }

    @Override
    public void save(MarkMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --mark ").append(markMask(match.value(), match.mask()));
    }

    @Override
    public void print(MarkMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" mark match ").append(match.negated() ? "! " : "").append(markMask(match.value(), match.mask()));
    }
}
