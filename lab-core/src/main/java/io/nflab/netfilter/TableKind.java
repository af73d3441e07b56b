package io.nflab.netfilter;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The five IPv4 tables, declared in the order iptables-save (nf_tables backend) prints them,
 * each with its built-in chains in hook order and the hook priority the kernel registers it at.
 */
public enum TableKind {
    MANGLE("mangle", -150, EnumSet.allOf(Hook.class)),
    SECURITY("security", 50, EnumSet.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT)),
    RAW("raw", -300, EnumSet.of(Hook.PREROUTING, Hook.OUTPUT)),
    FILTER("filter", 0, EnumSet.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT)),
    NAT("nat", -100, EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING));

    private final String label;
    private final int priority;
    private final List<Hook> builtinChains;

    TableKind(String label, int priority, Set<Hook> hooks) {
        this.label = label;
        this.priority = priority;
        this.builtinChains = List.copyOf(hooks);
    }

    /** The table's name as iptables spells it ({@code filter}). */
    public String label() {
        return label;
    }

    /**
     * The hook priority of the table's base chains (raw -300, mangle -150, nat -100 for DNAT,
     * filter 0, security 50); nat's POSTROUTING and INPUT run at +100 in the kernel.
     */
    public int priority() {
        return priority;
    }

    /** The built-in chains in hook order (nat: PREROUTING INPUT OUTPUT POSTROUTING). */
    public List<Hook> builtinChains() {
        return builtinChains;
    }

    public boolean hasBuiltin(Hook hook) {
        return builtinChains.contains(hook);
    }

    /** The table named {@code label} exactly (iptables table names are case sensitive). */
    public static Optional<TableKind> byLabel(String label) {
        for (TableKind kind : values()) {
            if (kind.label.equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
