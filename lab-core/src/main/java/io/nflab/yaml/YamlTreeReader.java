package io.nflab.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree that keeps the line and column of every node,
 * with Jackson's streaming YAML parser. Syntax errors, duplicate keys (at any depth), undefined
 * aliases and a second document are reported to {@link Diagnostics}; aliases ({@code *name}) resolve
 * to the node their anchor ({@code &name}) marks.
 */
public final class YamlTreeReader {
    /** {@code key:} with no value is null, as YAML says (the builder does not enable this by default). */
    private static final YAMLFactory FACTORY =
            YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

    private final String file;
    private final YAMLParser parser;
    private final Diagnostics problems;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlTreeReader(String file, YAMLParser parser, Diagnostics problems) {
        this.file = file;
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * Reads a UTF-8 file; messages name it as {@code file.toString()}. Empty when the file holds no
     * document or a syntax error (reported) stopped the reading.
     *
     * @throws IOException when the file cannot be read at all (missing, unreadable, not UTF-8)
     */
    public static Optional<YamlNode> read(Path file, Diagnostics problems) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), reader, problems);
        }
    }

    /** Reads YAML text that messages name {@code file}. */
    public static Optional<YamlNode> read(String file, String text, Diagnostics problems) {
        try {
            return read(file, new StringReader(text), problems);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static Optional<YamlNode> read(String file, Reader reader, Diagnostics problems) throws IOException {
        try (YAMLParser parser = FACTORY.createParser(reader)) {
            return new YamlTreeReader(file, parser, problems).document();
        } catch (JsonProcessingException e) {
            reportSyntaxError(file, e, problems);
            return Optional.empty();
        }
    }

    private Optional<YamlNode> document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return Optional.empty();
        }
        YamlNode root = node(first);
        if (parser.nextToken() != null) {
            problems.error(tokenLocation(), "a second YAML document; a file holds exactly one");
        }
        return Optional.of(root);
    }

    private YamlNode node(JsonToken token) throws IOException {
        SourceLocation at = tokenLocation();
        if (parser.isCurrentAlias()) {
            return alias(parser.getText(), at);
        }
        String anchor = parser.getObjectId();
        YamlNode node = switch (token) {
            case START_OBJECT -> mapping(at);
            case START_ARRAY -> sequence(at);
            default -> scalar(token, at);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode alias(String name, SourceLocation at) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            problems.error(at, "undefined alias `*" + name + "'; define the anchor `&" + name + "' before it");
            return YamlScalar.of("", YamlScalar.Kind.NULL, at, null);
        }
        return target;
    }

    private YamlMapping mapping(SourceLocation at) throws IOException {
        List<YamlEntry> entries = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceLocation keyAt = tokenLocation();
            YamlNode value = node(parser.nextToken());
            SourceLocation first = seen.putIfAbsent(key, keyAt);
            if (first == null) {
                entries.add(new YamlEntry(key, keyAt, value));
            } else {
                problems.error(keyAt, "duplicate key `" + key + "'; it is already defined at line "
                        + first.line() + ", column " + first.column());
            }
        }
        return new YamlMapping(entries, at);
    }

    private YamlSequence sequence(SourceLocation at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(node(token));
        }
        return new YamlSequence(items, at);
    }

    private YamlScalar scalar(JsonToken token, SourceLocation at) throws IOException {
        String text = parser.getText();
        SourceLocation textStart = verbatimStart(text, at);
        return switch (token) {
            case VALUE_NUMBER_INT -> integer(text, at, textStart);
            case VALUE_NUMBER_FLOAT -> YamlScalar.of(text, YamlScalar.Kind.FLOAT, at, textStart);
            case VALUE_TRUE, VALUE_FALSE -> YamlScalar.ofBoolean(text, token == JsonToken.VALUE_TRUE, at, textStart);
            case VALUE_NULL -> YamlScalar.of(text, YamlScalar.Kind.NULL, at, textStart);
            default -> YamlScalar.of(text, YamlScalar.Kind.STRING, at, textStart);
        };
    }

    private YamlScalar integer(String text, SourceLocation at, SourceLocation textStart) throws IOException {
        BigInteger value;
        try {
            value = parser.getBigIntegerValue();
        } catch (JsonProcessingException | NumberFormatException e) {
            return YamlScalar.of(text, YamlScalar.Kind.STRING, at, textStart); // e.g. 08080: not an octal number
        }
        return YamlScalar.ofInteger(text, value, at, textStart);
    }

    /** Where the text itself starts, if it is written verbatim on one line (plain, or quoted without escapes). */
    private SourceLocation verbatimStart(String text, SourceLocation at) {
        JsonLocation end = parser.currentLocation();
        if (end.getLineNr() != at.line()) {
            return null;
        }
        int width = end.getColumnNr() - at.column();
        if (width == text.length()) {
            return at;
        }
        return width == text.length() + 2 ? at.shiftedRight(1) : null;
    }

    private SourceLocation tokenLocation() {
        JsonLocation location = parser.currentTokenLocation();
        return new SourceLocation(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static void reportSyntaxError(String file, JsonProcessingException e, Diagnostics problems) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            Mark contextMark = marked.getContextMark();
            String context = marked.getContext() == null ? "" : " (" + oneLine(marked.getContext())
                    + (contextMark == null ? "" : " at line " + (contextMark.getLine() + 1) + ", column "
                            + (contextMark.getColumn() + 1)) + ")";
            problems.error(new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1),
                    "YAML syntax error: " + oneLine(marked.getProblem()) + context);
            return;
        }
        JsonLocation location = e.getLocation();
        SourceLocation at = location == null || location.getLineNr() < 1
                ? SourceLocation.startOf(file)
                : new SourceLocation(file, location.getLineNr(), Math.max(1, location.getColumnNr()));
        problems.error(at, "YAML syntax error: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
