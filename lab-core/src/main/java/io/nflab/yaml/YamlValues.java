package io.nflab.yaml;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.TextSyntaxException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The {@link YamlValue}s the file formats are made of: strings, integers, booleans, choices, parsed texts, lists. */
public final class YamlValues {

    private YamlValues() {
    }

    /** Any scalar but null, as its text ({@code 8080} and {@code yes} are texts too). */
    public static YamlValue<String> string() {
        return (node, what, problems) -> scalar(node, what, "a string", problems).map(YamlScalar::text);
    }

    /** An integer in {@code min..max}, written as a YAML integer or a quoted decimal number. */
    public static YamlValue<Long> integer(long min, long max) {
        String expected = "an integer " + min + ".." + max;
        return (node, what, problems) -> scalar(node, what, expected, problems).flatMap(scalar -> {
            Optional<BigInteger> value = scalar.integer().or(() -> decimal(scalar.text()));
            if (value.isPresent() && value.get().compareTo(BigInteger.valueOf(min)) >= 0
                    && value.get().compareTo(BigInteger.valueOf(max)) <= 0) {
                return Optional.of(value.get().longValueExact());
            }
            return mismatch(node, what, expected, problems);
        });
    }

    /** {@link #integer(long, long)} for values that fit an {@code int}. */
    public static YamlValue<Integer> integer(int min, int max) {
        return integer((long) min, (long) max).map(Long::intValue);
    }

    /** A number in {@code min..max}, integer or not ({@code 12.5}). */
    public static YamlValue<Double> decimal(double min, double max) {
        String expected = "a number " + format(min) + ".." + format(max);
        return (node, what, problems) -> scalar(node, what, expected, problems).flatMap(scalar -> {
            if (scalar.text().matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)")) {
                double value = Double.parseDouble(scalar.text());
                if (value >= min && value <= max) {
                    return Optional.of(value);
                }
            }
            return mismatch(node, what, expected, problems);
        });
    }

    /** {@code true} or {@code false} (YAML also takes yes/no and on/off). */
    public static YamlValue<Boolean> bool() {
        return (node, what, problems) -> scalar(node, what, "true or false", problems).flatMap(scalar ->
                scalar.bool().isPresent() ? scalar.bool() : mismatch(node, what, "true or false", problems));
    }

    /** One of the given words; the message lists them in the map's order. */
    public static <T> YamlValue<T> oneOf(Map<String, T> choices) {
        String expected = "one of " + String.join(", ", choices.keySet());
        return (node, what, problems) -> scalar(node, what, expected, problems).flatMap(scalar ->
                choices.containsKey(scalar.text())
                        ? Optional.of(choices.get(scalar.text()))
                        : mismatch(node, what, expected, problems));
    }

    /** One of the constants of an enum, by the word the file format uses for each. */
    public static <E extends Enum<E>> YamlValue<E> keyword(E[] constants, Function<E, String> keyword) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E constant : constants) {
            choices.put(keyword.apply(constant), constant);
        }
        return oneOf(choices);
    }

    /**
     * A string a parser turns into a value; when it fails, the message says {@code expected}
     * (e.g. "an IPv4 address A.B.C.D").
     */
    public static <T> YamlValue<T> parsed(String expected, Function<String, Optional<T>> parser) {
        return (node, what, problems) -> scalar(node, what, expected, problems).flatMap(scalar -> {
            Optional<T> value = parser.apply(scalar.text());
            return value.isPresent() ? value : mismatch(node, what, expected, problems);
        });
    }

    /**
     * A string a parser turns into a value or refuses with a {@link TextSyntaxException}, which is reported
     * at the offending word inside the string.
     */
    public static <T> YamlValue<T> syntax(Function<String, T> parser) {
        return (node, what, problems) -> scalar(node, what, "a string", problems).flatMap(scalar -> {
            try {
                return Optional.of(parser.apply(scalar.text()));
            } catch (TextSyntaxException e) {
                problems.error(scalar.locationAt(e.column()), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Like {@link #string()}, for readers that need the scalar itself (to point at a word inside it). */
    public static YamlValue<YamlScalar> scalar() {
        return (node, what, problems) -> scalar(node, what, "a string", problems);
    }

    /** The items of a list, unread; nothing ({@code steps:}) is an empty list. */
    public static YamlValue<List<YamlNode>> sequence() {
        return (node, what, problems) -> {
            if (node instanceof YamlScalar scalar && scalar.isNull()) {
                return Optional.of(List.of());
            }
            return node instanceof YamlSequence sequence
                    ? Optional.of(sequence.items())
                    : mismatch(node, what, "a list", problems);
        };
    }

    /**
     * A list of items; nothing ({@code routes:}) is an empty list. Items that fail are reported and left
     * out; each item is named "WHAT item N" (1-based) in messages.
     */
    public static <T> YamlValue<List<T>> listOf(YamlValue<T> item) {
        return (node, what, problems) -> {
            if (node instanceof YamlScalar scalar && scalar.isNull()) {
                return Optional.of(List.of());
            }
            if (!(node instanceof YamlSequence sequence)) {
                return mismatch(node, what, "a list", problems);
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < sequence.items().size(); i++) {
                item.read(sequence.items().get(i), what + " item " + (i + 1), problems).ifPresent(items::add);
            }
            return Optional.of(items);
        };
    }

    /**
     * A mapping whose keys are names the user chose (nodes, segments, interfaces), as its entries in the
     * order written; nothing ({@code segments:}) has none.
     */
    public static YamlValue<List<YamlEntry>> entries() {
        return (node, what, problems) -> {
            if (node instanceof YamlScalar scalar && scalar.isNull()) {
                return Optional.of(List.of());
            }
            return node instanceof YamlMapping mapping
                    ? Optional.of(mapping.entries())
                    : mismatch(node, what, "a mapping", problems);
        };
    }

    /** Reports that {@code node} is not what was expected; always empty. */
    public static <T> Optional<T> mismatch(YamlNode node, String what, String expected, Diagnostics problems) {
        problems.error(node.location(), "expected " + expected + " for " + what + ", found " + node.describe());
        return Optional.empty();
    }

    private static Optional<YamlScalar> scalar(YamlNode node, String what, String expected, Diagnostics problems) {
        if (node instanceof YamlScalar scalar && !scalar.isNull()) {
            return Optional.of(scalar);
        }
        return mismatch(node, what, expected, problems);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Optional<BigInteger> decimal(String text) {
        return text.matches("[+-]?[0-9]{1,19}") ? Optional.of(new BigInteger(text)) : Optional.empty();
    }
}
