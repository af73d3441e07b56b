package io.nflab.iptables;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.FragmentSpec;
import io.nflab.netfilter.InterfaceSpec;
import io.nflab.netfilter.IpSpec;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Rule;

/**
 * {@code iptables -L}: chain headers and rule lines, byte for byte as iptables 1.8.9 prints them in
 * every combination of {@code -v} (counters and interfaces), {@code -n}, {@code -x} and {@code --line-numbers}.
 */
final class ListFormat {
    private final boolean verbose;
    private final boolean numeric;
    private final boolean expanded;
    private final boolean lineNumbers;

    ListFormat(boolean verbose, boolean numeric, boolean expanded, boolean lineNumbers) {
        this.verbose = verbose;
        this.numeric = numeric;
        this.expanded = expanded;
        this.lineNumbers = lineNumbers;
    }

    /** {@code Chain X (policy …)} or {@code Chain X (N references)}, then the column titles. */
    void header(Chain chain, int references, StringBuilder out) {
        out.append("Chain ").append(chain.name());
        if (chain.policy().isPresent()) {
            out.append(" (policy ").append(chain.policy().get().name());
            if (verbose) {
                PacketCounters counters = chain.policyCounters();
                out.append(' ').append(number(counters.packets(), true)).append("packets, ")
                        .append(number(counters.bytes(), true)).append("bytes");
            }
            out.append(")\n");
        } else {
            out.append(" (").append(references).append(" references)\n");
        }
        if (lineNumbers) {
            out.append(String.format("%-4s ", "num"));
        }
        if (verbose) {
            if (expanded) {
                out.append(String.format("%8s ", "pkts")).append(String.format("%10s ", "bytes"));
            } else {
                out.append(String.format("%5s ", "pkts")).append(String.format("%5s ", "bytes"));
            }
        }
        out.append(String.format("%-9s ", "target"));
        out.append(" prot ");
        out.append("opt");
        if (verbose) {
            out.append(String.format(" %-6s ", "in")).append(String.format("%-6s ", "out"));
        }
        out.append(String.format(" %-19s ", "source"));
        out.append(String.format(" %-19s ", "destination"));
        out.append('\n');
    }

    /** One rule line; {@code number} is its 1-based position. */
    void rule(Rule rule, int number, PacketCounters counters, StringBuilder out) {
        IpSpec ip = rule.ip();
        if (lineNumbers) {
            out.append(String.format("%-4d ", number));
        }
        if (verbose) {
            out.append(number(counters.packets(), false)).append(number(counters.bytes(), false));
        }
        out.append(String.format("%-9s ", RuleFormat.targetName(rule.target())));
        out.append(ip.protocol().negated() ? '!' : ' ');
        int protocol = ip.protocol().value();
        var name = Protocols.name(protocol, numeric);
        if (numeric || name.isEmpty()) {
            out.append(String.format("%-4d ", protocol));
        } else {
            out.append(String.format("%-4s ", name.get()));
        }
        out.append(ip.fragment() == FragmentSpec.NOT_NON_FIRST_FRAGMENTS ? '!' : '-');
        out.append(ip.fragment() == FragmentSpec.ANY ? '-' : 'f');
        out.append(' ');
        if (verbose) {
            out.append(String.format(" %-6s ", iface(ip.in()))).append(String.format("%-6s ", iface(ip.out())));
        }
        out.append(ip.source().negated() ? '!' : ' ');
        out.append(String.format("%-19s ", AddressNames.column(ip.source().address(), ip.source().mask(), numeric)));
        out.append(ip.destination().negated() ? '!' : ' ');
        out.append(String.format("%-19s ", AddressNames.column(ip.destination().address(), ip.destination().mask(),
                numeric)));
        out.append(RuleFormat.listDetails(rule, numeric));
        out.append('\n');
    }

    /**
     * The one-line form iptables prints for a rule it adds, deletes or checks with {@code -v}
     * (FMT_PRINT_RULE: no table columns, numeric): {@code ACCEPT  all opt -- in * out *  0.0.0.0/0  -> 0.0.0.0/0  }.
     */
    static String oneLine(Rule rule) {
        IpSpec ip = rule.ip();
        StringBuilder out = new StringBuilder();
        out.append(RuleFormat.targetName(rule.target())).append(' ');
        out.append(ip.protocol().negated() ? '!' : ' ');
        out.append(Protocols.name(ip.protocol().value(), true).orElse(Integer.toString(ip.protocol().value())))
                .append(' ');
        out.append("opt ").append(ip.fragment() == FragmentSpec.NOT_NON_FIRST_FRAGMENTS ? '!' : '-')
                .append(ip.fragment() == FragmentSpec.ANY ? '-' : 'f').append(' ');
        ListFormat numericFormat = new ListFormat(true, true, false, false);
        out.append("in ").append(numericFormat.iface(ip.in())).append(' ');
        out.append("out ").append(numericFormat.iface(ip.out())).append(' ');
        out.append(ip.source().negated() ? '!' : ' ')
                .append(AddressNames.column(ip.source().address(), ip.source().mask(), true)).append(' ');
        out.append(ip.destination().negated() ? '!' : ' ').append("-> ")
                .append(AddressNames.column(ip.destination().address(), ip.destination().mask(), true));
        out.append("  ");
        out.append(RuleFormat.listDetails(rule, true));
        return out.toString();
    }

    private String iface(InterfaceSpec spec) {
        if (spec.isAny()) {
            return numeric ? "*" : "any";
        }
        return (spec.negated() ? "!" : "") + spec.text();
    }

    /** {@code xtables_print_num}: right-aligned, with K/M/G/T suffixes unless {@code -x}. */
    private String number(long value, boolean noTable) {
        if (expanded) {
            return noTable ? Long.toUnsignedString(value) + " " : String.format("%8s ", Long.toUnsignedString(value));
        }
        if (Long.compareUnsigned(value, 99999) <= 0) {
            return noTable ? value + " " : String.format("%5d ", value);
        }
        String[] suffixes = {"K", "M", "G"};
        long scaled = value;
        for (String suffix : suffixes) {
            scaled = Long.divideUnsigned(scaled + 500, 1000);
            if (Long.compareUnsigned(scaled, 9999) <= 0) {
                return noTable ? scaled + suffix + " " : String.format("%4d%s ", scaled, suffix);
            }
        }
        scaled = Long.divideUnsigned(scaled + 500, 1000);
        return noTable ? Long.toUnsignedString(scaled) + "T " : String.format("%4s%s ", Long.toUnsignedString(scaled), "T");
    }
}
