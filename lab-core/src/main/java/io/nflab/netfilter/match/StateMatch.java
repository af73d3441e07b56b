package io.nflab.netfilter.match;

import java.util.Objects;
import java.util.Set;

/** {@code -m state --state LIST}, with {@code !}. */
public record StateMatch(Set<CtState> states, boolean negated) implements Match {

    public StateMatch {
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
    }
}
