package io.nflab.yaml;

import io.nflab.diagnostics.Diagnostics;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads one kind of value from a node, or reports at the node's place what was expected and what was
 * found. Ready-made ones are in {@link YamlValues}.
 *
 * @param <T> the value read
 */
@FunctionalInterface
public interface YamlValue<T> {

    /**
     * @param what how messages name the value, e.g. "`port'" or "a route"
     * @return the value, or empty after reporting why there is none
     */
    Optional<T> read(YamlNode node, String what, Diagnostics problems);

    /** This value together with where it was written. */
    default YamlValue<Located<T>> located() {
        return (node, what, problems) -> read(node, what, problems).map(value -> new Located<>(value, node.location()));
    }

    /** This value if it passes {@code test}; otherwise reports that {@code expected} was expected. */
    default YamlValue<T> filter(Predicate<? super T> test, String expected) {
        return (node, what, problems) -> {
            Optional<T> value = read(node, what, problems);
            if (value.isEmpty() || test.test(value.get())) {
                return value;
            }
            return YamlValues.mismatch(node, what, expected, problems);
        };
    }

    /** This value, then a conversion that cannot fail. */
    default <R> YamlValue<R> map(Function<? super T, ? extends R> conversion) {
        return (node, what, problems) -> read(node, what, problems).map(conversion);
    }
}
