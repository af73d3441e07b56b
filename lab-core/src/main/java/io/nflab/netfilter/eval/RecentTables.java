package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.RecentMatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The xt_recent lists of one network namespace, by name. A list is created by the first rule naming it
 * (with that rule's {@code --mask}) and disappears, with its addresses, when no rule names it any more.
 */
final class RecentTables {
    private final Map<String, RecentTable> tables = new HashMap<>();

    /**
     * Makes the lists match the ruleset's recent matches, given in rule order: creates missing lists,
     * enlarges lists for larger {@code --hitcount}s, drops lists no rule names.
     */
    void retain(List<RecentMatch> matches) {
        Map<String, RecentTable> kept = new LinkedHashMap<>();
        for (RecentMatch match : matches) {
            RecentTable table = kept.get(match.name());
            if (table == null) {
                table = tables.get(match.name());
                if (table == null) {
                    table = new RecentTable(match.mask().bits(), stampsMask(match));
                }
                kept.put(match.name(), table);
            }
            table.requireStamps(stampsMask(match));
        }
        tables.clear();
        tables.putAll(kept);
    }

    RecentTable table(String name) {
        RecentTable table = tables.get(name);
        if (table == null) {
            throw new IllegalStateException("no recent list " + name + " (the ruleset was not retained)");
        }
        return table;
    }

    /** The list called {@code name}, if a rule names it. */
    RecentTable find(String name) {
        return tables.get(name);
    }

    /** recent_mt_check's ring size: the hit count rounded up to a power of two, 32 without one. */
    static int stampsMask(RecentMatch match) {
        long hits = match.hitCount();
        if (hits == 0) {
            return 32 - 1;
        }
        long rounded = Long.highestOneBit(hits) == hits ? hits : Long.highestOneBit(hits) << 1;
        return (int) rounded - 1;
    }
}
