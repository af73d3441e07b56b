package io.nflab.iptables.match;

import io.nflab.address.Ipv4Address;
import io.nflab.iptables.AddressNames;
import io.nflab.iptables.Conntracks;
import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.Numbers;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.Ports;
import io.nflab.iptables.Protocols;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.AddressSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.Negatable;
import io.nflab.netfilter.PortRange;
import io.nflab.netfilter.match.ConntrackMatch;
import io.nflab.netfilter.match.CtState;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code -m conntrack} (libxt_conntrack revision 3): every option with {@code !} where iptables allows it. */
public final class ConntrackExtension implements MatchExtension<ConntrackMatch> {
    private static final int CTSTATE = 0;
    private static final int CTPROTO = 1;
    private static final int ORIGSRC = 2;
    private static final int ORIGDST = 3;
    private static final int REPLSRC = 4;
    private static final int REPLDST = 5;
    private static final int STATUS = 6;
    private static final int EXPIRE = 7;
    private static final int ORIGSRCPORT = 8;
    private static final int ORIGDSTPORT = 9;
    private static final int REPLSRCPORT = 10;
    private static final int REPLDSTPORT = 11;
    private static final int DIR = 12;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("ctstate", CTSTATE),
            ExtensionOption.withArgument("ctproto", CTPROTO),
            ExtensionOption.withArgument("ctorigsrc", ORIGSRC),
            ExtensionOption.withArgument("ctorigdst", ORIGDST),
            ExtensionOption.withArgument("ctreplsrc", REPLSRC),
            ExtensionOption.withArgument("ctrepldst", REPLDST),
            ExtensionOption.withArgument("ctstatus", STATUS),
            ExtensionOption.withArgument("ctexpire", EXPIRE),
            ExtensionOption.withArgument("ctorigsrcport", ORIGSRCPORT),
            ExtensionOption.withArgument("ctorigdstport", ORIGDSTPORT),
            ExtensionOption.withArgument("ctreplsrcport", REPLSRCPORT),
            ExtensionOption.withArgument("ctrepldstport", REPLDSTPORT),
            ExtensionOption.withArgument("ctdir", DIR));
    private static final String[] STATUS_NAMES = {"EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED"};

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public Class<ConntrackMatch> type() {
        return ConntrackMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<ConntrackMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("conntrack", OPTIONS, CTSTATE, CTPROTO, ORIGSRC, ORIGDST, REPLSRC, REPLDST,
                STATUS, EXPIRE, ORIGSRCPORT, ORIGDSTPORT, REPLSRCPORT, REPLDSTPORT) {
            private Optional<Negatable<Set<CtState>>> state = Optional.empty();
            private Optional<Negatable<Integer>> protocol = Optional.empty();
            private final AddressSpec[] addresses = new AddressSpec[4];
            @SuppressWarnings("unchecked")
            private final Negatable<PortRange>[] ports = new Negatable[4];
            private Optional<Negatable<Integer>> status = Optional.empty();
            private Optional<Negatable<ConntrackMatch.ExpireRange>> expire = Optional.empty();
            private Optional<ConntrackMatch.Direction> direction = Optional.empty();

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                switch (id) {
                    case CTSTATE -> state = Optional.of(new Negatable<>(Conntracks.states(argument,
                            EnumSet.allOf(CtState.class),
                            rest -> IptablesException.parameter("Bad ctstate \"" + rest + "\"")), inverted));
                    case CTPROTO -> protocol = Optional.of(new Negatable<>(Protocols.parse(argument), inverted));
                    case ORIGSRC, ORIGDST, REPLSRC, REPLDST -> addresses[id - ORIGSRC] = hostMask(argument, inverted);
                    case STATUS -> status = Optional.of(new Negatable<>(statuses(argument), inverted));
                    case EXPIRE -> expire = Optional.of(new Negatable<>(expireRange(argument), inverted));
                    case ORIGSRCPORT, ORIGDSTPORT, REPLSRCPORT, REPLDSTPORT -> ports[id - ORIGSRCPORT] = new Negatable<>(
                            Ports.parseRangeLikeGetaddrinfo("conntrack", canonicalName(id), argument), inverted);
                    default -> {
                        if (argument.equalsIgnoreCase("ORIGINAL")) {
                            direction = Optional.of(ConntrackMatch.Direction.ORIGINAL);
                        } else if (argument.equalsIgnoreCase("REPLY")) {
                            direction = Optional.of(ConntrackMatch.Direction.REPLY);
                        } else {
                            throw IptablesException.parameter("conntrack: Bad value for \"--ctdir\" option: \""
                                    + argument + "\"");
                        }
                    }
                }
            }

            @Override
            public ConntrackMatch finish() {
                if (!seenAny()) {
                    throw IptablesException.parameter("conntrack: At least one option is required");
                }
                return new ConntrackMatch(state, protocol, Optional.ofNullable(addresses[0]),
                        Optional.ofNullable(addresses[1]), Optional.ofNullable(addresses[2]),
                        Optional.ofNullable(addresses[3]), Optional.ofNullable(ports[0]), Optional.ofNullable(ports[1]),
                        Optional.ofNullable(ports[2]), Optional.ofNullable(ports[3]), status, expire, direction);
            }
        };
    }

    /** {@code XTTYPE_HOSTMASK}: a numeric address with an optional prefix length or dotted mask. */
    static AddressSpec hostMask(String text, boolean inverted) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        Ipv4Address address = Ipv4Address.tryParse(host).orElse(null);
        if (address == null) {
            address = host.contains(",") ? null : io.nflab.iptables.AddressNames.hostByName(host);
        }
        if (address == null) {
            throw IptablesException.parameter("getaddrinfo: Name or service not known\n");
        }
        Ipv4Address mask = Ipv4Address.BROADCAST;
        if (slash >= 0) {
            String maskText = text.substring(slash + 1);
            var dotted = Ipv4Address.tryParse(maskText);
            if (dotted.isPresent()) {
                mask = dotted.get();
            } else {
                var length = Numbers.parse(maskText, 0, 32);
                if (length.isEmpty()) {
                    throw IptablesException.parameter("invalid mask `" + maskText + "' specified");
                }
                mask = Ipv4Address.of(io.nflab.address.Ipv4Prefix.maskBits((int) length.getAsLong()));
            }
        }
        return new AddressSpec(address, mask, inverted);
    }

    private static int statuses(String text) {
        int mask = 0;
        String rest = text;
        while (true) {
            int comma = rest.indexOf(',');
            String word = comma < 0 ? rest : rest.substring(0, comma);
            Integer bit = word.isEmpty() ? null : status(word);
            if (bit == null) {
                throw IptablesException.parameter("Bad ctstatus \"" + rest + "\"");
            }
            mask |= bit;
            if (comma < 0) {
                return mask;
            }
            rest = rest.substring(comma + 1);
        }
    }

    private static Integer status(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        if ("NONE".startsWith(upper)) {
            return 0;
        }
        for (int i = 0; i < STATUS_NAMES.length; i++) {
            if (STATUS_NAMES[i].startsWith(upper)) {
                return 1 << i;
            }
        }
        return null;
    }

    /** {@code XTTYPE_UINT32RC}: {@code N} or {@code N:M}. */
    private static ConntrackMatch.ExpireRange expireRange(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw IptablesException.parameter("conntrack: Too many components for option \"--ctexpire\" (max: 2)\n");
        }
        long min = parts[0].isEmpty() ? 0 : number(parts[0]);
        long max = parts.length == 1 ? min : parts[1].isEmpty() ? 0xffffffffL : number(parts[1]);
        return new ConntrackMatch.ExpireRange(min, max);
    }

    private static long number(String text) {
        var value = Numbers.parse(text, 0, 0xffffffffL);
        if (value.isEmpty()) {
            throw IptablesException.parameter("conntrack: bad value for option \"--ctexpire\" near \"" + text
                    + "\", or out of range (0-4294967295).\n");
        }
        return value.getAsLong();
    }

    @Override
    public void save(ConntrackMatch match, IpSpec ip, StringBuilder out) {
        dump(match, "--", true, out);
    }

    @Override
    public void print(ConntrackMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        dump(match, "", numeric, out);
    }

    /** libxt_conntrack's conntrack_dump: the same walk for both forms, with or without "--". */
    private static void dump(ConntrackMatch match, String prefix, boolean numeric, StringBuilder out) {
        match.state().ifPresent(state -> out.append(state.negated() ? " !" : "").append(' ').append(prefix)
                .append("ctstate ").append(Conntracks.format(state.value())));
        match.protocol().ifPresent(protocol -> out.append(protocol.negated() ? " !" : "").append(' ').append(prefix)
                .append("ctproto ").append(protocol.value()));
        address(prefix + "ctorigsrc", match.originalSource(), numeric, out);
        address(prefix + "ctorigdst", match.originalDestination(), numeric, out);
        address(prefix + "ctreplsrc", match.replySource(), numeric, out);
        address(prefix + "ctrepldst", match.replyDestination(), numeric, out);
        port(prefix + "ctorigsrcport", match.originalSourcePort(), out);
        port(prefix + "ctorigdstport", match.originalDestinationPort(), out);
        port(prefix + "ctreplsrcport", match.replySourcePort(), out);
        port(prefix + "ctrepldstport", match.replyDestinationPort(), out);
        match.status().ifPresent(status -> {
            out.append(status.negated() ? " !" : "").append(' ').append(prefix).append("ctstatus");
            String separator = " ";
            for (int i = 0; i < STATUS_NAMES.length; i++) {
                if ((status.value() & 1 << i) != 0) {
                    out.append(separator).append(STATUS_NAMES[i]);
                    separator = ",";
                }
            }
            if (status.value() == 0) {
                out.append(separator).append("NONE");
            }
        });
        match.expire().ifPresent(expire -> {
            out.append(expire.negated() ? " !" : "").append(' ').append(prefix).append("ctexpire ")
                    .append(expire.value().min());
            if (expire.value().max() != expire.value().min()) {
                out.append(':').append(expire.value().max());
            }
        });
        match.direction().ifPresent(direction -> out.append(' ').append(prefix).append("ctdir ").append(direction.name()));
    }

    private static void address(String option, Optional<AddressSpec> spec, boolean numeric, StringBuilder out) {
        spec.ifPresent(address -> {
            out.append(address.negated() ? " !" : "").append(' ').append(option);
            if (!numeric && address.address().isAny()) {
                out.append(" anywhere");
            } else {
                out.append(' ').append(numeric ? address.address().toString() : AddressNames.anyName(address.address()))
                        .append(AddressNames.maskSuffix(address.mask()));
            }
        });
    }

    private static void port(String option, Optional<Negatable<PortRange>> spec, StringBuilder out) {
        spec.ifPresent(port -> {
            out.append(port.negated() ? " !" : "").append(' ').append(option).append(' ').append(port.value().first());
            if (port.value().last() != 0 && port.value().last() != port.value().first()) {
                out.append(':').append(port.value().last());
            }
        });
    }
}
