package io.nflab.netfilter.eval;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.match.RecentMatch;
import java.util.List;

/**
 * One table compiled: its base chain per hook (absent where the table has none or nf_tables has not
 * created it), the revision it was compiled from, its recent matches and its rules' match state.
 */
final class CompiledTable {
    final Table model;
    final long revision;
    private final CompiledChain[] base;
    final List<RecentMatch> recentMatches;
    final RuleStates states;

    CompiledTable(Table model, long revision, CompiledChain[] base, List<RecentMatch> recentMatches,
                  RuleStates states) {
        this.model = model;
        this.revision = revision;
        this.base = base;
        this.recentMatches = recentMatches;
        this.states = states;
    }

    /** The base chain at {@code hook}, or null. */
    CompiledChain base(Hook hook) {
        return base[hook.ordinal()];
    }
}
