package io.nflab.netfilter;

import java.util.Objects;

/**
 * A condition value with iptables' {@code !}: {@code negated} inverts the test on {@code value}.
 * Used for every option that takes a {@code !}, so negation lives on the condition, never in a twin field.
 */
public record Negatable<T>(T value, boolean negated) {

    public Negatable {
        Objects.requireNonNull(value, "value");
    }

    public static <T> Negatable<T> of(T value) {
        return new Negatable<>(value, false);
    }

    public static <T> Negatable<T> not(T value) {
        return new Negatable<>(value, true);
    }

    /** Applies the negation to the raw test result. */
    public boolean apply(boolean rawResult) {
        return rawResult != negated;
    }
}
