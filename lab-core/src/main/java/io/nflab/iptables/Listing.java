package io.nflab.iptables;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code iptables -L} and {@code -S} over one table. A table that does not exist yet lists as its
 * built-in chains, empty, policy ACCEPT (iptables-nft's "fake" built-in chains); user chains are
 * listed sorted by name, after the built-in chains in hook order.
 */
final class Listing {
    private final TableKind kind;
    private final Table table;

    Listing(Netfilter netfilter, TableKind kind) {
        this(netfilter.table(kind).orElseGet(() -> Netfilter.empty().createTable(kind)));
    }

    Listing(Table table) {
        this.kind = table.kind();
        this.table = table;
    }

    /** Built-in chains in hook order, then user chains sorted by name (strcmp). */
    List<Chain> sortedChains() {
        List<Chain> chains = new ArrayList<>(table.builtinChains());
        List<Chain> user = new ArrayList<>(table.userChains());
        user.sort(Comparator.comparing(Chain::name, Listing::strcmp));
        chains.addAll(user);
        return chains;
    }

    static int strcmp(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    private Chain find(String name) {
        Optional<Chain> chain = table.chain(name);
        if (chain.isEmpty()) {
            throw IptablesException.other("chain `" + name + "' in table `" + kind.label()
                    + "' is incompatible, use 'nft' tool.");
        }
        return chain.get();
    }

    String list(String chainName, int ruleNumber, ListFormat format) {
        StringBuilder out = new StringBuilder();
        if (chainName != null) {
            Chain chain = find(chainName);
            if (ruleNumber > 0) {
                if (ruleNumber <= chain.size()) {
                    format.rule(chain.rule(ruleNumber - 1), ruleNumber, chain.ruleCounters(ruleNumber - 1), out);
                }
                return out.toString();
            }
            listChain(chain, format, out);
            return out.toString();
        }
        boolean first = true;
        for (Chain chain : sortedChains()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            listChain(chain, format, out);
        }
        return out.toString();
    }

    private void listChain(Chain chain, ListFormat format, StringBuilder out) {
        format.header(chain, table.references(chain.name()), out);
        for (int i = 0; i < chain.size(); i++) {
            format.rule(chain.rule(i), i + 1, chain.ruleCounters(i), out);
        }
    }

    String rules(String chainName, int ruleNumber, boolean counters) {
        StringBuilder out = new StringBuilder();
        if (chainName != null) {
            Chain chain = find(chainName);
            if (ruleNumber > 0) {
                if (ruleNumber <= chain.size()) {
                    appendRule(chain, ruleNumber - 1, counters, out);
                }
                return out.toString();
            }
            chainLine(chain, counters, out);
            for (int i = 0; i < chain.size(); i++) {
                appendRule(chain, i, counters, out);
            }
            return out.toString();
        }
        List<Chain> chains = sortedChains();
        for (Chain chain : chains) {
            chainLine(chain, counters, out);
        }
        for (Chain chain : chains) {
            for (int i = 0; i < chain.size(); i++) {
                appendRule(chain, i, counters, out);
            }
        }
        return out.toString();
    }

    private static void chainLine(Chain chain, boolean counters, StringBuilder out) {
        if (chain.policy().isEmpty()) {
            out.append("-N ").append(chain.name()).append('\n');
            return;
        }
        out.append("-P ").append(chain.name()).append(' ').append(chain.policy().get().name());
        if (counters) {
            PacketCounters policy = chain.policyCounters();
            out.append(" -c ").append(Long.toUnsignedString(policy.packets()))
                    .append(' ').append(Long.toUnsignedString(policy.bytes()));
        }
        out.append('\n');
    }

    private static void appendRule(Chain chain, int index, boolean counters, StringBuilder out) {
        out.append("-A ").append(chain.name())
                .append(RuleFormat.save(chain.rule(index), counters ? chain.ruleCounters(index) : null))
                .append('\n');
    }
}
