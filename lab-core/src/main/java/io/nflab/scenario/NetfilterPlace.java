package io.nflab.scenario;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where in netfilter a verdict was given, as far as an expectation cares: a table, a chain, a rule
 * number or the policy. Absent parts match anything.
 */
public record NetfilterPlace(Optional<String> table, Optional<String> chain, Optional<RuleRef> rule) {

    /** The tables of iptables, in the order {@code iptables-save} knows them. */
    public static final List<String> TABLES = List.of("raw", "mangle", "nat", "filter", "security");

    public static final NetfilterPlace ANYWHERE = new NetfilterPlace(Optional.empty(), Optional.empty(), Optional.empty());

    public NetfilterPlace {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(rule, "rule");
        table.ifPresent(t -> {
            if (!TABLES.contains(t)) {
                throw new IllegalArgumentException("no table " + t);
            }
        });
    }
}
