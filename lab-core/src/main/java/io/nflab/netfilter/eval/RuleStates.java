package io.nflab.netfilter.eval;

import io.nflab.netfilter.Rule;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The state of a table's stateful matches (limit buckets, connlimit lists), by rule object and match
 * position. Like the kernel's expressions, a rule's state lives as long as the rule: other rules being
 * added, removed or moved do not touch it, and a recompile takes it over from the previous one.
 */
final class RuleStates {
    private final Map<Rule, Object[]> byRule = new IdentityHashMap<>();

    /** The state of match {@code matchIndex} of {@code rule}: {@code previous}'s, or a new one. */
    <T> T state(Rule rule, int matchIndex, Class<T> type, RuleStates previous, Supplier<T> factory) {
        Object old = previous == null ? null : previous.find(rule, matchIndex);
        T state = type.isInstance(old) ? type.cast(old) : factory.get();
        byRule.computeIfAbsent(rule, r -> new Object[r.matches().size()])[matchIndex] = state;
        return state;
    }

    private Object find(Rule rule, int matchIndex) {
        Object[] states = byRule.get(rule);
        return states == null ? null : states[matchIndex];
    }
}
