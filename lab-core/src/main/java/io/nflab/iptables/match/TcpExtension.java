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
import io.nflab.netfilter.match.TcpFlagTest;
import io.nflab.netfilter.match.TcpMatch;
import java.util.List;
import java.util.Locale;

/** {@code -m tcp} (libxt_tcp): ports, {@code --syn}, {@code --tcp-flags}, {@code --tcp-option}. */
public final class TcpExtension implements MatchExtension<TcpMatch> {
    private static final int SPORT = 1;
    private static final int DPORT = 2;
    private static final int SYN = 3;
    private static final int FLAGS = 4;
    private static final int OPTION = 5;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("source-port", SPORT),
            ExtensionOption.withArgument("sport", SPORT),
            ExtensionOption.withArgument("destination-port", DPORT),
            ExtensionOption.withArgument("dport", DPORT),
            ExtensionOption.flag("syn", SYN),
            ExtensionOption.withArgument("tcp-flags", FLAGS),
            ExtensionOption.withArgument("tcp-option", OPTION));
    /** Flag names in the order iptables prints them. */
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Class<TcpMatch> type() {
        return TcpMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<TcpMatch> newParser(RuleContext rule) {
        return new Parser(rule);
    }

    /** libxt_tcp still uses the old parse API: its own messages, {@code !} allowed on every option. */
    private static final class Parser implements OptionParser<TcpMatch> {
        private Negatable<PortRange> source = Negatable.of(PortRange.ALL);
        private Negatable<PortRange> destination = Negatable.of(PortRange.ALL);
        private Negatable<TcpFlagTest> flags = Negatable.of(TcpFlagTest.NONE);
        private Negatable<Integer> option = Negatable.of(0);
        private int seen;
        private final RuleContext rule;

        Parser(RuleContext rule) {
            this.rule = rule;
        }

        @Override
        public void option(ExtensionOption given, String argument, boolean inverted) {
            switch (given.id()) {
                case SPORT -> {
                    once(SPORT, "Only one `--source-port' allowed");
                    source = new Negatable<>(Ports.parseRange(argument, "tcp"), inverted);
                }
                case DPORT -> {
                    once(DPORT, "Only one `--destination-port' allowed");
                    destination = new Negatable<>(Ports.parseRange(argument, "tcp"), inverted);
                }
                case SYN -> {
                    once(FLAGS, "Only one of `--syn' or `--tcp-flags'  allowed");
                    flags = new Negatable<>(TcpFlagTest.SYN_ONLY, inverted);
                }
                case FLAGS -> {
                    once(FLAGS, "Only one of `--syn' or `--tcp-flags'  allowed");
                    String comparison = rule.takeFollowingWord();
                    if (comparison == null) {
                        throw IptablesException.parameter("--tcp-flags requires two args.");
                    }
                    flags = new Negatable<>(new TcpFlagTest(parseFlags(argument), parseFlags(comparison)), inverted);
                }
                case OPTION -> {
                    once(OPTION, "Only one `--tcp-option' allowed");
                    option = new Negatable<>(parseOption(argument), inverted);
                }
                default -> throw new IllegalArgumentException("tcp option id " + given.id());
            }
        }

        private void once(int id, String message) {
            if ((seen & 1 << id) != 0) {
                throw IptablesException.parameter(message);
            }
            seen |= 1 << id;
        }

        @Override
        public TcpMatch finish() {
            return new TcpMatch(source, destination, flags, option);
        }
    }

    private static int parseOption(String argument) {
        var value = io.nflab.iptables.Numbers.parse(argument, 1, 255);
        if (value.isEmpty()) {
            throw IptablesException.parameter("Bad TCP option \"" + argument + "\"");
        }
        return (int) value.getAsLong();
    }

    /** {@code FIN,SYN,…}, {@code ALL} or {@code NONE}, case-insensitive; empty words are skipped like strtok does. */
    public static int parseFlags(String text) {
        int flags = 0;
        for (String word : text.split(",")) {
            if (word.isEmpty()) {
                continue;
            }
            String upper = word.toUpperCase(Locale.ROOT);
            int bit = switch (upper) {
                case "FIN" -> TcpFlagTest.FIN;
                case "SYN" -> TcpFlagTest.SYN;
                case "RST" -> TcpFlagTest.RST;
                case "PSH" -> TcpFlagTest.PSH;
                case "ACK" -> TcpFlagTest.ACK;
                case "URG" -> TcpFlagTest.URG;
                case "ALL" -> 0x3f;
                case "NONE" -> 0;
                default -> throw IptablesException.parameter("Unknown TCP flag `" + word + "'");
            };
            flags |= bit;
        }
        return flags;
    }

    @Override
    public void save(TcpMatch match, IpSpec ip, StringBuilder out) {
        savePorts(" --sport ", match.sourcePorts(), out);
        savePorts(" --dport ", match.destinationPorts(), out);
        Negatable<Integer> option = match.option();
        if (option.value() != 0 || option.negated()) {
            out.append(option.negated() ? " !" : "").append(" --tcp-option ").append(option.value());
        }
        Negatable<TcpFlagTest> flags = match.flags();
        if (flags.value().mask() != 0 || flags.negated()) {
            out.append(flags.negated() ? " !" : "").append(" --tcp-flags ")
                    .append(flagNames(flags.value().mask())).append(' ').append(flagNames(flags.value().set()));
        }
    }

    static void savePorts(String option, Negatable<PortRange> ports, StringBuilder out) {
        PortRange range = ports.value();
        if (range.isAll()) {
            return;
        }
        out.append(ports.negated() ? " !" : "").append(option).append(range.first());
        if (!range.isSingle()) {
            out.append(':').append(range.last());
        }
    }

    @Override
    public void print(TcpMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" tcp");
        printPorts("spt", match.sourcePorts(), "tcp", numeric, out);
        printPorts("dpt", match.destinationPorts(), "tcp", numeric, out);
        Negatable<Integer> option = match.option();
        if (option.value() != 0 || option.negated()) {
            out.append(" option=").append(option.negated() ? "!" : "").append(option.value());
        }
        Negatable<TcpFlagTest> flags = match.flags();
        if (flags.value().mask() != 0 || flags.negated()) {
            out.append(" flags:").append(flags.negated() ? "!" : "");
            if (numeric) {
                out.append(String.format("0x%02X/0x%02X", flags.value().mask(), flags.value().set()));
            } else {
                out.append(flagNames(flags.value().mask())).append('/').append(flagNames(flags.value().set()));
            }
        }
    }

    static void printPorts(String label, Negatable<PortRange> ports, String protocol, boolean numeric, StringBuilder out) {
        PortRange range = ports.value();
        if (range.isAll() && !ports.negated()) {
            return;
        }
        String inv = ports.negated() ? "!" : "";
        out.append(' ').append(label);
        if (range.isSingle()) {
            out.append(':').append(inv).append(Ports.name(range.first(), protocol, numeric));
        } else {
            out.append("s:").append(inv).append(Ports.name(range.first(), protocol, numeric))
                    .append(':').append(Ports.name(range.last(), protocol, numeric));
        }
    }

    static String flagNames(int flags) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & 1 << i) != 0) {
                names.append(names.length() > 0 ? "," : "").append(FLAG_NAMES[i]);
            }
        }
        return names.length() == 0 ? "NONE" : names.toString();
    }
}
