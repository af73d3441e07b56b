package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.Ports;
import io.nflab.iptables.RuleContext;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.SctpMatch;
import java.util.List;
import java.util.Optional;

/** {@code -m sctp} (libxt_sctp): {@code --sport}/{@code --dport}; chunk types are not emulated. */
public final class SctpExtension implements MatchExtension<SctpMatch> {
    private static final int SPORT = 1;
    private static final int DPORT = 2;
    private static final int CHUNKS = 3;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("source-port", SPORT),
            ExtensionOption.withArgument("sport", SPORT),
            ExtensionOption.withArgument("destination-port", DPORT),
            ExtensionOption.withArgument("dport", DPORT),
            ExtensionOption.withArgument("chunk-types", CHUNKS));

    @Override
    public String name() {
        return "sctp";
    }

    @Override
    public Class<SctpMatch> type() {
        return SctpMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<SctpMatch> newParser(RuleContext rule) {
        return new OptionParser<>() {
            private Optional<Negatable<PortRange>> source = Optional.empty();
            private Optional<Negatable<PortRange>> destination = Optional.empty();

            @Override
            public void option(ExtensionOption option, String argument, boolean inverted) {
                if (option.id() == CHUNKS) {
                    throw IptablesException.parameter("nflab does not emulate sctp --chunk-types");
                }
                if (option.id() == SPORT) {
                    if (source.isPresent()) {
                        throw IptablesException.parameter("Only one `--source-port' allowed");
                    }
                    source = Optional.of(new Negatable<>(Ports.parseRange(argument, "sctp"), inverted));
                } else {
                    if (destination.isPresent()) {
                        throw IptablesException.parameter("Only one `--destination-port' allowed");
                    }
                    destination = Optional.of(new Negatable<>(Ports.parseRange(argument, "sctp"), inverted));
                }
            }

            @Override
            public SctpMatch finish() {
                return new SctpMatch(source, destination);
            }
        };
    }

    @Override
    public void save(SctpMatch match, IpSpec ip, StringBuilder out) {
        match.sourcePorts().ifPresent(ports -> savePorts(" --sport ", ports, out));
        match.destinationPorts().ifPresent(ports -> savePorts(" --dport ", ports, out));
    }

    private static void savePorts(String option, Negatable<PortRange> ports, StringBuilder out) {
        out.append(ports.negated() ? " !" : "").append(option).append(ports.value().first());
        if (!ports.value().isSingle()) {
            out.append(':').append(ports.value().last());
        }
    }

    @Override
    public void print(SctpMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" sctp");
        match.sourcePorts().ifPresent(ports -> TcpExtension.printPorts("spt", ports, "sctp", numeric, out));
        match.destinationPorts().ifPresent(ports -> TcpExtension.printPorts("dpt", ports, "sctp", numeric, out));
    }
}
