package io.nflab.netfilter.target;

import java.util.Objects;
import java.util.Optional;

/** {@code -j CHAIN}: traverse a user chain, then come back after this rule (unless it decided). */
public record Jump(String chain) implements Target {

    public Jump {
        Objects.requireNonNull(chain, "chain");
    }

    @Override
    public Optional<String> jumpsTo() {
        return Optional.of(chain);
    }

    @Override
    public Target withChain(String newChain) {
        return new Jump(newChain);
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
