package io.nflab.netfilter;

/**
 * A change counter of a ruleset, so that compiled forms of it (the evaluation engine's) know when to
 * rebuild. A {@link Chain} bumps its table's revision when its rules, policy or name change (never when
 * only counters move); a {@link Table} bumps it when its chains or hooks change; every bump also bumps the
 * owning {@link Netfilter}'s revision. Not thread-safe, like the ruleset it counts.
 */
final class Revision {
    private final Revision parent;
    private long value;

    Revision(Revision parent) {
        this.parent = parent;
    }

    void bump() {
        value++;
        if (parent != null) {
            parent.bump();
        }
    }

    long value() {
        return value;
    }
}
