package io.nflab.netfilter.eval;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import io.nflab.netfilter.match.RecentMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates one network namespace's {@link Netfilter} ruleset: the packet path calls
 * {@link #evaluate(TableKind, Hook, PacketContext)} for each table registered at a hook, in the order of
 * the tables' priorities (raw, conntrack, mangle, nat, filter, security; see docs/netfilter-engine.md),
 * and acts on the {@link Decision}. The engine updates the ruleset's rule and policy counters as the
 * kernel does, keeps the state of limit, recent and connlimit matches, writes LOG and TRACE lines to the
 * environment's {@link PacketLog}, and leaves NAT bindings, REJECT replies and conntrack to the caller.
 *
 * <p>The ruleset is compiled on first use and again whenever it changed ({@link Netfilter#revision()}),
 * into per-chain indexes that make the cost of a packet independent of the number of rules; evaluating
 * allocates nothing. Like the ruleset, an engine belongs to one thread (one actor).
 */
public final class NetfilterEngine {
    private final Netfilter netfilter;
    private final EngineEnvironment environment;
    private final CompiledTable[] compiled = new CompiledTable[TableKind.values().length];
    private final RecentTables recentTables = new RecentTables();
    private final Traversal traversal;
    private final Decision[][] notHooked = new Decision[TableKind.values().length][Hook.values().length];
    private long compiledRevision = -1;

    public NetfilterEngine(Netfilter netfilter, EngineEnvironment environment) {
        this.netfilter = Objects.requireNonNull(netfilter, "netfilter");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.traversal = new Traversal(environment.log());
        for (TableKind table : TableKind.values()) {
            for (Hook hook : Hook.values()) {
                notHooked[table.ordinal()][hook.ordinal()] = new Decision(Decision.Kind.NOT_HOOKED,
                        new Place(hook, table, hook.name(), Place.Step.NOT_HOOKED, 0), null);
            }
        }
    }

    public Netfilter netfilter() {
        return netfilter;
    }

    public EngineEnvironment environment() {
        return environment;
    }

    /**
     * Runs {@code packet} through {@code table}'s base chain at {@code hook}. The packet's fields, mark and
     * conntrack requests in {@code packet} may change (MARK, TOS, TTL, DSCP, CONNMARK, NOTRACK, CT, TRACE).
     * When the table does not exist or has no chain at the hook, the decision is
     * {@link Decision.Kind#NOT_HOOKED} and nothing is counted.
     */
    public Decision evaluate(TableKind table, Hook hook, PacketContext packet) {
        if (netfilter.revision() != compiledRevision) {
            recompile();
        }
        packet.packet();
        CompiledTable compiledTable = compiled[table.ordinal()];
        CompiledChain base = compiledTable == null ? null : compiledTable.base(hook);
        if (base == null) {
            return notHooked[table.ordinal()][hook.ordinal()];
        }
        return traversal.run(base, hook, packet);
    }

    /** The tables whose base chains exist at {@code hook}, in the order the kernel runs them (by priority). */
    public List<TableKind> tablesAt(Hook hook) {
        List<TableKind> tables = new ArrayList<>();
        for (TableKind kind : TableKind.values()) {
            if (kind.hasBuiltin(hook)) {
                tables.add(kind);
            }
        }
        tables.sort((a, b) -> Integer.compare(priority(a, hook), priority(b, hook)));
        return tables;
    }

    /** The hook priority of {@code table} at {@code hook}: nat's SNAT side (INPUT, POSTROUTING) runs at +100. */
    public static int priority(TableKind table, Hook hook) {
        if (table == TableKind.NAT && (hook == Hook.INPUT || hook == Hook.POSTROUTING)) {
            return 100;
        }
        return table.priority();
    }

    /** How many addresses the recent list {@code name} holds now (empty when no rule names the list). */
    public Optional<Integer> recentListSize(String name) {
        if (netfilter.revision() != compiledRevision) {
            recompile();
        }
        return Optional.ofNullable(recentTables.find(name)).map(RecentTable::size);
    }

    private void recompile() {
        for (TableKind kind : TableKind.values()) {
            Table table = netfilter.table(kind).orElse(null);
            CompiledTable previous = compiled[kind.ordinal()];
            if (table == null) {
                compiled[kind.ordinal()] = null;
            } else if (previous == null || previous.model != table || previous.revision != table.revision()) {
                compiled[kind.ordinal()] = TableCompiler.compile(table, environment, recentTables,
                        previous);
            }
        }
        List<RecentMatch> recentMatches = new ArrayList<>();
        for (CompiledTable table : compiled) {
            if (table != null) {
                recentMatches.addAll(table.recentMatches);
            }
        }
        recentTables.retain(recentMatches);
        compiledRevision = netfilter.revision();
    }
}
