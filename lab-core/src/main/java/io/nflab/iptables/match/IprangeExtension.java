package io.nflab.iptables.match;

import io.nflab.address.Ipv4Address;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.match.IprangeMatch;
import io.nflab.netfilter.match.IprangeMatch.Range;
import java.util.List;
import java.util.Optional;

/** {@code -m iprange [!] --src-range A[-B] [!] --dst-range A[-B]}. */
public final class IprangeExtension implements MatchExtension<IprangeMatch> {
    private static final int SRC = 0;
    private static final int DST = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("src-range", SRC),
            ExtensionOption.withArgument("dst-range", DST));

    @Override
    public String name() {
        return "iprange";
    }

    @Override
    public Class<IprangeMatch> type() {
        return IprangeMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<IprangeMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("iprange", OPTIONS, SRC, DST) {
            private Optional<Negatable<Range>> source = Optional.empty();
            private Optional<Negatable<Range>> destination = Optional.empty();

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                Negatable<Range> range = new Negatable<>(range(argument, "--" + canonicalName(id)), inverted);
                if (range.value().first().compareTo(range.value().last()) > 0) {
                    rule.warn("xt_iprange: range " + argument + " is reversed and will never match");
                }
                if (id == SRC) {
                    source = Optional.of(range);
                } else {
                    destination = Optional.of(range);
                }
            }

            @Override
            public IprangeMatch finish() {
                if (!seenAny()) {
                    throw IptablesException.parameter("iprange match: You must specify `--src-range' or `--dst-range'");
                }
                return new IprangeMatch(source, destination);
            }
        };
    }

    private static Range range(String text, String option) {
        int dash = text.indexOf('-');
        String from = dash < 0 ? text : text.substring(0, dash);
        String to = dash < 0 ? text : text.substring(dash + 1);
        return new Range(address(from, option), address(to, option));
    }

    private static Ipv4Address address(String text, String option) {
        Ipv4Address address = io.nflab.iptables.AddressNames.numeric(text);
        if (address == null) {
            throw IptablesException.parameter("iprange: Bad value for \"" + option + "\" option: \"" + text + "\"");
        }
        return address;
    }

    @Override
    public void save(IprangeMatch match, IpSpec ip, StringBuilder out) {
        match.source().ifPresent(range -> out.append(range.negated() ? " !" : "").append(" --src-range ")
                .append(range.value().first()).append('-').append(range.value().last()));
        match.destination().ifPresent(range -> out.append(range.negated() ? " !" : "").append(" --dst-range ")
                .append(range.value().first()).append('-').append(range.value().last()));
    }

    @Override
    public void print(IprangeMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        match.source().ifPresent(range -> out.append(" source IP range ").append(range.negated() ? "! " : "")
                .append(range.value().first()).append('-').append(range.value().last()));
        match.destination().ifPresent(range -> out.append(" destination IP range ").append(range.negated() ? "! " : "")
                .append(range.value().first()).append('-').append(range.value().last()));
    }
}
