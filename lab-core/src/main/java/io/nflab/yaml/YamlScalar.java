package io.nflab.yaml;

import io.nflab.diagnostics.SourceLocation;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A scalar: its text as YAML resolved it, and the type YAML gave it ({@code 8080} is an integer,
 * {@code yes} a boolean, {@code "8080"} a string). When the text is written verbatim on one line
 * (plain or quoted without escapes), {@link #locationAt} names the column of any character in it.
 */
public final class YamlScalar implements YamlNode {

    /** The YAML type of a scalar. */
    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    private final String text;
    private final Kind kind;
    private final BigInteger integer;
    private final Boolean bool;
    private final SourceLocation location;
    private final SourceLocation textStart;

    private YamlScalar(String text, Kind kind, BigInteger integer, Boolean bool, SourceLocation location,
            SourceLocation textStart) {
        this.text = Objects.requireNonNull(text, "text");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.integer = integer;
        this.bool = bool;
        this.location = Objects.requireNonNull(location, "location");
        this.textStart = textStart;
    }

    /**
     * A string, float or null scalar; {@code textStart} is where the text starts when it is written verbatim
     * on one line, else null.
     */
    static YamlScalar of(String text, Kind kind, SourceLocation location, SourceLocation textStart) {
        if (kind == Kind.INTEGER || kind == Kind.BOOLEAN) {
            throw new IllegalArgumentException(kind + " scalars need their value");
        }
        return new YamlScalar(text, kind, null, null, location, textStart);
    }

    static YamlScalar ofInteger(String text, BigInteger value, SourceLocation location, SourceLocation textStart) {
        return new YamlScalar(text, Kind.INTEGER, Objects.requireNonNull(value, "value"), null, location, textStart);
    }

    static YamlScalar ofBoolean(String text, boolean value, SourceLocation location, SourceLocation textStart) {
        return new YamlScalar(text, Kind.BOOLEAN, null, value, location, textStart);
    }

    /** The text as written, after YAML's quoting and escapes are undone. */
    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /** The value of an integer scalar (YAML accepts 8080, 0x1f, 0o17, 1_000). */
    public Optional<BigInteger> integer() {
        return Optional.ofNullable(integer);
    }

    /** The value of a boolean scalar (YAML accepts true/false, yes/no, on/off). */
    public Optional<Boolean> bool() {
        return Optional.ofNullable(bool);
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public SourceLocation location() {
        return location;
    }

    /**
     * The place of the character at {@code index} of {@link #text()}: exact when the text is written
     * verbatim on one line, otherwise the start of the scalar.
     */
    public SourceLocation locationAt(int index) {
        if (textStart == null || index < 0 || index > text.length()) {
            return location;
        }
        return textStart.shiftedRight(index);
    }

    /** How much of a scalar's text a message quotes: a whole stray file would drown the message. */
    static final int DESCRIBED_LENGTH = 60;

    /** The scalar quoted, its first line only and at most {@value #DESCRIBED_LENGTH} characters ("…" marks a cut). */
    @Override
    public String describe() {
        if (kind == Kind.NULL) {
            return "nothing";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        boolean cut = line.length() > DESCRIBED_LENGTH || newline >= 0;
        return "`" + (line.length() > DESCRIBED_LENGTH ? line.substring(0, DESCRIBED_LENGTH) : line)
                + (cut ? "…" : "") + "'";
    }

    @Override
    public String toString() {
        return location + " " + kind + " " + text;
    }
}
