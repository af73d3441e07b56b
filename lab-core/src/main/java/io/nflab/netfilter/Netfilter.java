package io.nflab.netfilter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole IPv4 netfilter ruleset of one network namespace: the tables that exist, with their
 * chains, rules and counters.
 *
 * <p>As with the nf_tables backend, a table exists only once a changing command has touched it
 * ({@code -A}, {@code -N}, {@code -P}, a restore …); listing does not create it, and iptables-save
 * prints only existing tables. Mutable and not thread-safe: one actor owns it. {@link #copy()}
 * gives an independent deep copy, e.g. to apply a restore atomically.
 */
public final class Netfilter {
    private final Map<TableKind, Table> tables;

    private Netfilter(Map<TableKind, Table> tables) {
        this.tables = tables;
    }

    /** No tables at all, like a fresh network namespace. */
    public static Netfilter empty() {
        return new Netfilter(new EnumMap<>(TableKind.class));
    }

    /** A deep copy: rules are shared (they are immutable), chains and counters are copied. */
    public Netfilter copy() {
        Map<TableKind, Table> copies = new EnumMap<>(TableKind.class);
        tables.forEach((kind, table) -> copies.put(kind, table.copy()));
        return new Netfilter(copies);
    }

    /** Makes this netfilter hold exactly what {@code other} holds (deep-copied). */
    public void replaceWith(Netfilter other) {
        tables.clear();
        other.tables.forEach((kind, table) -> tables.put(kind, table.copy()));
    }

    public Optional<Table> table(TableKind kind) {
        return Optional.ofNullable(tables.get(kind));
    }

    /** The table, created with its built-in chains if it does not exist yet. */
    public Table createTable(TableKind kind) {
        return tables.computeIfAbsent(kind, Table::create);
    }

    /** Deletes a table with everything in it (iptables-restore's flush of a table does this). */
    public void removeTable(TableKind kind) {
        tables.remove(kind);
    }

    /** Sets one table to a deep copy of {@code table}. */
    public void putTable(Table table) {
        tables.put(table.kind(), table.copy());
    }

    /** The existing tables in iptables-save order (mangle, security, raw, filter, nat). */
    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    public boolean isEmpty() {
        return tables.isEmpty();
    }
}
