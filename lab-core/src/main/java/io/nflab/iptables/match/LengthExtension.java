package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.LengthMatch;
import java.util.List;

/** {@code -m length [!] --length MIN[:MAX]}. */
public final class LengthExtension implements MatchExtension<LengthMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("length", 0));

    @Override
    public String name() {
        return "length";
    }

    @Override
    public Class<LengthMatch> type() {
        return LengthMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<LengthMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("length", OPTIONS, 0) {
            private LengthMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                String[] parts = argument.split(":", -1);
                if (parts.length > 2) {
                    throw IptablesException.parameter("length: Too many components for option \"--length\" (max: 2)\n");
                }
                int min = parts[0].isEmpty() ? 0 : value(parts[0]);
                int max = parts.length == 1 ? min : parts[1].isEmpty() ? 65535 : value(parts[1]);
                match = new LengthMatch(min, max, inverted);
            }

            private int value(String text) {
                var value = io.nflab.iptables.Numbers.parse(text, 0, 65535);
                if (value.isEmpty()) {
                    throw IptablesException.parameter("length: bad value for option \"--length\" near \"" + text
                            + "\", or out of range (0-65535).\n");
                }
                return (int) value.getAsLong();
            }

            @Override
            public LengthMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("length: option \"--length\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(LengthMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --length ").append(range(match));
    }

    @Override
    public void print(LengthMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" length ").append(match.negated() ? "!" : "").append(range(match));
    }

    private static String range(LengthMatch match) {
        return match.min() == match.max() ? Integer.toString(match.min()) : match.min() + ":" + match.max();
    }

}
