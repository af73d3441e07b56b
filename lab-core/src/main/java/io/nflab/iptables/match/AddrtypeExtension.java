package io.nflab.iptables.match;

import io.nflab.iptables.ExtensionOption;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.MatchExtension;
import io.nflab.iptables.OptionParser;
import io.nflab.iptables.RuleContext;
import io.nflab.iptables.StandardOptionParser;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.AddrtypeMatch;
import io.nflab.netfilter.match.AddrtypeMatch.AddressType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/** {@code -m addrtype [!] --src-type T,… [!] --dst-type T,… [--limit-iface-in|--limit-iface-out]} (revision 1). */
public final class AddrtypeExtension implements MatchExtension<AddrtypeMatch> {
    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int LIMIT_IN = 2;
    private static final int LIMIT_OUT = 3;
    private static final List<ExtensionOption> OPTIONS = List.of(
            ExtensionOption.withArgument("src-type", SRC),
            ExtensionOption.withArgument("dst-type", DST),
            ExtensionOption.flag("limit-iface-in", LIMIT_IN),
            ExtensionOption.flag("limit-iface-out", LIMIT_OUT));

    @Override
    public String name() {
        return "addrtype";
    }

    @Override
    public Class<AddrtypeMatch> type() {
        return AddrtypeMatch.class;
    }

    @Override
    public List<ExtensionOption> options() {
        return OPTIONS;
    }

    @Override
    public OptionParser<AddrtypeMatch> newParser(RuleContext rule) {
        return new StandardOptionParser<>("addrtype", OPTIONS, SRC, DST) {
            private Set<AddressType> source = EnumSet.noneOf(AddressType.class);
            private boolean sourceNegated;
            private Set<AddressType> destination = EnumSet.noneOf(AddressType.class);
            private boolean destinationNegated;

            @Override
            protected void parse(int id, String argument, boolean inverted) {
                if (id == SRC) {
                    source = types(argument);
                    sourceNegated = inverted;
                } else if (id == DST) {
                    destination = types(argument);
                    destinationNegated = inverted;
                }
            }

            @Override
            public AddrtypeMatch finish() {
                checkExclusive(LIMIT_IN, LIMIT_OUT);
                if (!seen(SRC) && !seen(DST)) {
                    throw IptablesException.parameter("addrtype: you must specify --src-type or --dst-type");
                }
                return new AddrtypeMatch(source, sourceNegated, destination, destinationNegated,
                        seen(LIMIT_IN), seen(LIMIT_OUT));
            }
        };
    }

    private static Set<AddressType> types(String text) {
        Set<AddressType> types = EnumSet.noneOf(AddressType.class);
        String rest = text;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            AddressType type = comma == 0 ? null : type(rest.substring(0, comma));
            if (type == null) {
                throw IptablesException.parameter("addrtype: bad type `" + rest + "'");
            }
            types.add(type);
            rest = rest.substring(comma + 1);
        }
        AddressType type = rest.isEmpty() ? null : type(rest);
        if (type == null) {
            throw IptablesException.parameter("addrtype: bad type \"" + rest + "\"");
        }
        types.add(type);
        return types;
    }

    /** A case-insensitive prefix of a type name; the first in the kernel's order wins. */
    private static AddressType type(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        for (AddressType type : AddressType.values()) {
            if (type.name().startsWith(upper)) {
                return type;
            }
        }
        return null;
    }

    private static String names(Set<AddressType> types) {
        StringBuilder out = new StringBuilder();
        for (AddressType type : AddressType.values()) {
            if (types.contains(type)) {
                out.append(out.length() > 0 ? "," : "").append(type.name());
            }
        }
        return out.toString();
    }

    @Override
    public void save(AddrtypeMatch match, IpSpec ip, StringBuilder out) {
        if (!match.sourceTypes().isEmpty()) {
            out.append(match.sourceNegated() ? " !" : "").append(" --src-type ").append(names(match.sourceTypes()));
        }
        if (!match.destinationTypes().isEmpty()) {
            out.append(match.destinationNegated() ? " !" : "").append(" --dst-type ")
                    .append(names(match.destinationTypes()));
        }
        if (match.limitIfaceIn()) {
            out.append(" --limit-iface-in");
        }
        if (match.limitIfaceOut()) {
            out.append(" --limit-iface-out");
        }
    }

    @Override
    public void print(AddrtypeMatch match, IpSpec ip, boolean numeric, StringBuilder out) {
        out.append(" ADDRTYPE match");
        if (!match.sourceTypes().isEmpty()) {
            out.append(" src-type ").append(match.sourceNegated() ? "!" : "").append(names(match.sourceTypes()));
        }
        if (!match.destinationTypes().isEmpty()) {
            out.append(" dst-type ").append(match.destinationNegated() ? "!" : "").append(names(match.destinationTypes()));
        }
        if (match.limitIfaceIn()) {
            out.append(" limit-in");
        }
        if (match.limitIfaceOut()) {
            out.append(" limit-out");
        }
    }

    @Override
    public boolean kernelAccepts(AddrtypeMatch match, TableKind table, Set<Hook> hooks) {
        if (match.limitIfaceIn() && !EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD).containsAll(hooks)) {
            return false;
        }
        return !match.limitIfaceOut() || EnumSet.of(Hook.POSTROUTING, Hook.OUTPUT, Hook.FORWARD).containsAll(hooks);
    }
}
