package io.nflab.netfilter.target;

import java.util.Objects;
import java.util.Optional;

/** {@code -g CHAIN}: continue in a user chain; its RETURN goes back to this chain's caller, not here. */
public record Goto(String chain) implements Target {

    public Goto {
        Objects.requireNonNull(chain, "chain");
    }

    @Override
    public Optional<String> jumpsTo() {
        return Optional.of(chain);
    }

    @Override
    public Target withChain(String newChain) {
        return new Goto(newChain);
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
