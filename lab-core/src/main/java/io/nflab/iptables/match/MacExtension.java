package io.nflab.iptables.match;

import io.nflab.address.MacAddress;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.MacMatch;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code -m mac [!] --mac-source MAC}: only where a received frame exists (PREROUTING, INPUT, FORWARD). */
public final class MacExtension implements MatchExtension<MacMatch> {
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("mac-source", 0));

    @Override
    public String name() {
        return "mac";
    }

    @Override
    public Class<MacMatch> type() {
        return MacMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<MacMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("mac", OPTIONS, 0) {
            private MacMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                MacAddress address = MacAddress.tryParse(argument).orElseThrow(() ->
                        IptablesException.parameter("Invalid MAC address specified."));
                match = new MacMatch(address, inverted);
            }

            @Override
            public MacMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("mac: option \"--mac-source\" must be specified\n");
                }
                return match;
            }
        };
    }

    @Override
    public void save(MacMatch match, IpSpec ip, StringBuilder out) {
        out.append(match.negated() ? " !" : "").append(" --mac-source ").append(match.source());
    }

    @Override
    public void print(MacMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" MAC").append(match.negated() ? " !" : "").append(' ').append(match.source());
    }

    @Override
    public boolean kernelAccepts(MacMatch match, TableKind table, Set<Hook> hooks) {
        return EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD).containsAll(hooks);
    }
}
