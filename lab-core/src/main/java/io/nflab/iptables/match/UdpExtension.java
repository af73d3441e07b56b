package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.Ports;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.UdpMatch;
import java.util.List;

/** {@code -m udp} (libxt_udp): {@code --sport}/{@code --dport} with ranges and {@code !}. */
public final class UdpExtension implements MatchExtension<UdpMatch> {
    private static final int SPORT = 0;
    private static final int DPORT = 1;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("source-port", SPORT),
            ExtensionOption.withArgument("sport", SPORT),
            ExtensionOption.withArgument("destination-port", DPORT),
            ExtensionOption.withArgument("dport", DPORT));

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public Class<UdpMatch> type() {
        return UdpMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<UdpMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("udp", OPTIONS, SPORT, DPORT) {
            private Negatable<PortRange> source = Negatable.of(PortRange.ALL);
            private Negatable<PortRange> destination = Negatable.of(PortRange.ALL);

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                PortRange range = Ports.parseRangeLikeGetaddrinfo("udp", canonicalName(id), argument);
                if (id == SPORT) {
                    source = new Negatable<>(range, inverted);
                } else {
                    destination = new Negatable<>(range, inverted);
                }
            }

            @Override
            public UdpMatch finish() {
                return new UdpMatch(source, destination);
            }
        };
    }

    @Override
    public void save(UdpMatch match, IpSpec ip, StringBuilder out) {
        TcpExtension.savePorts(" --sport ", match.sourcePorts(), out);
        TcpExtension.savePorts(" --dport ", match.destinationPorts(), out);
    }

    @Override
    public void print(UdpMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" udp");
        TcpExtension.printPorts("spt", match.sourcePorts(), "udp", numeric, out);
        TcpExtension.printPorts("dpt", match.destinationPorts(), "udp", numeric, out);
    }
}
