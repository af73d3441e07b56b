package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.Numbers;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.match.IcmpMatch;
import java.util.List;
import java.util.Locale;

/** {@code -m icmp --icmp-type} (libipt_icmp): names, {@code TYPE}, {@code TYPE/CODE}, with {@code !}. */
public final class IcmpExtension implements MatchExtension<IcmpMatch> {
    private static final int TYPE = 0;
    private static final List<ExtensionOption> OPTIONS = List.of(ExtensionOption.withArgument("icmp-type", TYPE));

    /** libxt_icmp.h's table: name, type, code range; the first name of a (type, codes) is the one printed. */
    private record Name(String name, int type, int codeMin, int codeMax) {
    }

    private static final List<Name> NAMES = List.of(
            new Name("any", 0xff, 0, 0xff),
            new Name("echo-reply", 0, 0, 0xff),
            new Name("pong", 0, 0, 0xff),
            new Name("destination-unreachable", 3, 0, 0xff),
            new Name("network-unreachable", 3, 0, 0),
            new Name("host-unreachable", 3, 1, 1),
            new Name("protocol-unreachable", 3, 2, 2),
            new Name("port-unreachable", 3, 3, 3),
            new Name("fragmentation-needed", 3, 4, 4),
            new Name("source-route-failed", 3, 5, 5),
            new Name("network-unknown", 3, 6, 6),
            new Name("host-unknown", 3, 7, 7),
            new Name("network-prohibited", 3, 9, 9),
            new Name("host-prohibited", 3, 10, 10),
            new Name("TOS-network-unreachable", 3, 11, 11),
            new Name("TOS-host-unreachable", 3, 12, 12),
            new Name("communication-prohibited", 3, 13, 13),
            new Name("host-precedence-violation", 3, 14, 14),
            new Name("precedence-cutoff", 3, 15, 15),
            new Name("source-quench", 4, 0, 0xff),
            new Name("redirect", 5, 0, 0xff),
            new Name("network-redirect", 5, 0, 0),
            new Name("host-redirect", 5, 1, 1),
            new Name("TOS-network-redirect", 5, 2, 2),
            new Name("TOS-host-redirect", 5, 3, 3),
            new Name("echo-request", 8, 0, 0xff),
            new Name("ping", 8, 0, 0xff),
            new Name("router-advertisement", 9, 0, 0xff),
            new Name("router-solicitation", 10, 0, 0xff),
            new Name("time-exceeded", 11, 0, 0xff),
            new Name("ttl-exceeded", 11, 0, 0xff),
            new Name("ttl-zero-during-transit", 11, 0, 0),
            new Name("ttl-zero-during-reassembly", 11, 1, 1),
            new Name("parameter-problem", 12, 0, 0xff),
            new Name("ip-header-bad", 12, 0, 0),
            new Name("required-option-missing", 12, 1, 1),
            new Name("timestamp-request", 13, 0, 0xff),
            new Name("timestamp-reply", 14, 0, 0xff),
            new Name("address-mask-request", 17, 0, 0xff),
            new Name("address-mask-reply", 18, 0, 0xff));

    @Override
    public String name() {
        return "icmp";
    }

    @Override
    public Class<IcmpMatch> type() {
        return IcmpMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<IcmpMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("icmp", OPTIONS, TYPE) {
            private IcmpMatch match;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                match = parseType(argument, inverted);
            }

            @Override
            public IcmpMatch finish() {
                if (match == null) {
                    throw IptablesException.parameter("icmp: option \"--icmp-type\" must be specified\n");
                }
                return match;
            }
        };
    }

    static IcmpMatch parseType(String text, boolean inverted) {
        Name found = null;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Name name : NAMES) {
            if (!name.name().toLowerCase(Locale.ROOT).startsWith(lower)) {
                continue;
            }
            if (found != null) {
                throw IptablesException.parameter("Ambiguous ICMP type `" + text + "': `" + found.name()
                        + "' or `" + name.name() + "'?");
            }
            found = name;
        }
        if (found != null) {
            return new IcmpMatch(found.type(), found.codeMin(), found.codeMax(), inverted);
        }
        Numbers.ParsedPrefix type = parseByte(text, 0);
        if (type == null) {
            throw IptablesException.parameter("Unknown ICMP type `" + text + "'");
        }
        int next = type.end();
        if (next < text.length() && text.charAt(next) == ':') {
            Numbers.ParsedPrefix high = parseByte(text, next + 1);
            if (high == null) {
                throw IptablesException.parameter("Unknown ICMP type `" + text + "'");
            }
            next = high.end();
        }
        if (next == text.length()) {
            return new IcmpMatch((int) type.value(), 0, 0xff, inverted);
        }
        if (text.charAt(next) != '/') {
            throw IptablesException.parameter("unknown character " + text.charAt(next));
        }
        Numbers.ParsedPrefix codeMin = parseByte(text, next + 1);
        if (codeMin == null) {
            throw IptablesException.parameter("Unknown ICMP code `" + text + "'");
        }
        long codeMax = codeMin.value();
        next = codeMin.end();
        if (next < text.length() && text.charAt(next) == ':') {
            Numbers.ParsedPrefix high = parseByte(text, next + 1);
            if (high == null) {
                throw IptablesException.parameter("Unknown ICMP code `" + text + "'");
            }
            codeMax = high.value();
            next = high.end();
        }
        if (next != text.length()) {
            throw IptablesException.parameter("unknown character " + text.charAt(next));
        }
        return new IcmpMatch((int) type.value(), (int) codeMin.value(), (int) codeMax, inverted);
    }

    /** {@code xtables_strtoui(str, &next, &v, 0, 255)}: a number at {@code from}, null if none or above 255. */
    private static Numbers.ParsedPrefix parseByte(String text, int from) {
        Numbers.ParsedPrefix prefix = Numbers.parsePrefix(text, from);
        return prefix == null || Long.compareUnsigned(prefix.value(), 255) > 0 ? null : prefix;
    }

    @Override
    public void save(IcmpMatch match, IpSpec ip, StringBuilder out) {
        if (match.negated()) {
            out.append(" !");
        }
        if (match.type() == IcmpMatch.ANY_TYPE) {
            out.append(" --icmp-type any");
        } else {
            out.append(" --icmp-type ").append(match.type());
            if (match.codeMin() != 0 || match.codeMax() != 0xff) {
                out.append('/').append(match.codeMin());
            }
        }
    }

    @Override
    public void print(IcmpMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" icmp");
        if (!numeric) {
            for (Name name : NAMES) {
                if (name.type() == match.type() && name.codeMin() == match.codeMin() && name.codeMax() == match.codeMax()) {
                    out.append(' ').append(match.negated() ? "!" : "").append(name.name());
                    return;
                }
            }
        }
        if (match.negated()) {
            out.append(" !");
        }
        out.append("type ").append(match.type());
        if (match.codeMin() == match.codeMax()) {
            out.append(" code ").append(match.codeMin());
        } else if (match.codeMin() != 0 || match.codeMax() != 0xff) {
            out.append(" codes ").append(match.codeMin()).append('-').append(match.codeMax());
        }
    }
}
