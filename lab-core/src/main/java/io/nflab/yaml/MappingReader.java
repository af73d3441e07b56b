package io.nflab.yaml;

import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a mapping with a fixed set of keys: reports every key not in the set (listing the allowed
 * ones), each missing required key and each value of the wrong kind. Nothing ({@code eth0:} with no
 * value) reads as an empty mapping.
 */
public final class MappingReader {
    private final YamlMapping mapping;
    private final String context;
    private final Diagnostics problems;
    private final boolean hasUnknownKeys;
    /** Keys an unknown key was taken for a typo of; their absence is not reported again. */
    private final Set<String> suggested;

    private MappingReader(YamlMapping mapping, String context, Diagnostics problems, boolean hasUnknownKeys,
            Set<String> suggested) {
        this.mapping = mapping;
        this.context = context;
        this.problems = problems;
        this.hasUnknownKeys = hasUnknownKeys;
        this.suggested = Set.copyOf(suggested);
    }

    /**
     * @param context how messages name the mapping, e.g. "interface `eth0' of node `gw'"
     * @param keys    the keys allowed in it, in the order messages list them
     * @return empty (after a report) when the node is not a mapping
     */
    public static Optional<MappingReader> open(YamlNode node, String context, Diagnostics problems, List<String> keys) {
        YamlMapping mapping;
        if (node instanceof YamlMapping m) {
            mapping = m;
        } else if (node instanceof YamlScalar scalar && scalar.isNull()) {
            mapping = new YamlMapping(List.of(), node.location());
        } else {
            return YamlValues.mismatch(node, context, "a mapping", problems);
        }
        boolean unknown = false;
        Set<String> suggested = new HashSet<>();
        for (YamlEntry entry : mapping.entries()) {
            if (!keys.contains(entry.key())) {
                unknown = true;
                Optional<String> suggestion = closest(entry.key(), keys);
                suggestion.ifPresent(suggested::add);
                problems.error(entry.keyLocation(), "unknown key `" + entry.key() + "' in " + context
                        + "; expected one of: " + String.join(", ", keys)
                        + suggestion.map(k -> " (did you mean `" + k + "'?)").orElse(""));
            }
        }
        return Optional.of(new MappingReader(mapping, context, problems, unknown, suggested));
    }

    /** The value of a key, or empty (after a report) when the key is missing or the value is wrong. */
    public <T> Optional<T> required(String key, YamlValue<T> value) {
        Optional<YamlEntry> entry = mapping.entry(key);
        if (entry.isEmpty()) {
            if (!suggested.contains(key)) {
                problems.error(mapping.location(), "missing required key `" + key + "' in " + context);
            }
            return Optional.empty();
        }
        return value.read(entry.get().value(), "`" + key + "'", problems);
    }

    /** The value of a key, or empty when it is absent or wrong (reported). */
    public <T> Optional<T> optional(String key, YamlValue<T> value) {
        return node(key).flatMap(node -> value.read(node, "`" + key + "'", problems));
    }

    /** The value of a key, {@code absent} when the key is not there; a wrong value is reported and read as absent. */
    public <T> T optional(String key, YamlValue<T> value, T absent) {
        return optional(key, value).orElse(absent);
    }

    /** Whether the mapping has keys it does not allow (reported when it was opened). */
    public boolean hasUnknownKeys() {
        return hasUnknownKeys;
    }

    public boolean has(String key) {
        return mapping.entry(key).isPresent();
    }

    public Optional<YamlNode> node(String key) {
        return mapping.entry(key).map(YamlEntry::value);
    }

    /** Where the key's value is written, or where the mapping starts when the key is absent. */
    public SourceLocation valueLocation(String key) {
        return node(key).map(YamlNode::location).orElse(mapping.location());
    }

    /** Where the key is written, or where the mapping starts when the key is absent. */
    public SourceLocation keyLocation(String key) {
        return mapping.entry(key).map(YamlEntry::keyLocation).orElse(mapping.location());
    }

    public SourceLocation location() {
        return mapping.location();
    }

    /** The keys present in the mapping, in the order written, that are among {@code keys}. */
    public List<YamlEntry> entriesAmong(List<String> keys) {
        return mapping.entries().stream().filter(e -> keys.contains(e.key())).toList();
    }

    /** The allowed key a misspelt one most likely meant: at most one edit per four letters away. */
    private static Optional<String> closest(String key, List<String> keys) {
        return keys.stream()
                .filter(candidate -> editDistance(key, candidate) <= Math.max(1, candidate.length() / 4))
                .min(Comparator.comparingInt(candidate -> editDistance(key, candidate)));
    }

    /** Edits (insert, delete, substitute, swap two neighbours) from one word to another. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
