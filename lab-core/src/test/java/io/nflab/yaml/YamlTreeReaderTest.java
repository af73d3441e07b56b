package io.nflab.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.diagnostics.Diagnostic;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.SourceLocation;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {
    private final Diagnostics problems = new Diagnostics();

    private YamlMapping read(String text) {
        return (YamlMapping) YamlTreeReader.read("f.yaml", text, problems).orElseThrow();
    }

    private List<String> messages() {
        return problems.all().stream().map(Diagnostic::toString).toList();
    }

    private static YamlScalar scalar(YamlMapping mapping, String key) {
        return (YamlScalar) mapping.entry(key).orElseThrow().value();
    }

    @Test
    void everyNodeKnowsItsLineAndColumn() {
        YamlMapping root = read("a: 1\nb:\n  c: [x, {d: e}]\n");
        assertEquals(new SourceLocation("f.yaml", 1, 1), root.location());
        assertEquals(new SourceLocation("f.yaml", 2, 1), root.entry("b").orElseThrow().keyLocation());
        YamlMapping b = (YamlMapping) root.entry("b").orElseThrow().value();
        YamlSequence c = (YamlSequence) b.entry("c").orElseThrow().value();
        assertEquals(new SourceLocation("f.yaml", 3, 6), c.location());
        assertEquals(new SourceLocation("f.yaml", 3, 7), c.items().get(0).location());
        assertEquals(new SourceLocation("f.yaml", 3, 10), c.items().get(1).location());
    }

    @Test
    void aMessageQuotesOnlyTheStartOfALongOrMultiLineScalar() {
        YamlMapping root = read("short: eth0\nlong: " + "x".repeat(100) + "\nblock: |\n  one\n  two\n");
        assertEquals("`eth0'", scalar(root, "short").describe());
        assertEquals("`" + "x".repeat(60) + "…'", scalar(root, "long").describe());
        assertEquals("`one…'", scalar(root, "block").describe());
    }

    @Test
    void scalarsKeepTheirYamlType() {
        YamlMapping root = read("s: text\ni: 0x1f\nf: 1.5\nb: yes\nn:\nq: \"8080\"\n");
        assertEquals(YamlScalar.Kind.STRING, scalar(root, "s").kind());
        assertEquals(Optional.of(BigInteger.valueOf(31)), scalar(root, "i").integer());
        assertEquals(YamlScalar.Kind.FLOAT, scalar(root, "f").kind());
        assertEquals(Optional.of(true), scalar(root, "b").bool());
        assertTrue(scalar(root, "n").isNull());
        assertEquals(YamlScalar.Kind.STRING, scalar(root, "q").kind());
        assertEquals("8080", scalar(root, "q").text());
    }

    @Test
    void aWordInsideAScalarHasItsOwnColumn() {
        YamlMapping root = read("plain: ab cd\nquoted: 'ab cd'\ndouble: \"ab cd\"\nescaped: \"a\\tb cd\"\n"
                + "block: |\n  ab cd\n");
        assertEquals(new SourceLocation("f.yaml", 1, 11), scalar(root, "plain").locationAt(3));
        assertEquals(new SourceLocation("f.yaml", 2, 13), scalar(root, "quoted").locationAt(3));
        assertEquals(new SourceLocation("f.yaml", 3, 13), scalar(root, "double").locationAt(3));
        // Escapes and block scalars do not map 1:1 to columns: the scalar's start is the best place.
        assertEquals(new SourceLocation("f.yaml", 4, 10), scalar(root, "escaped").locationAt(3));
        assertEquals(new SourceLocation("f.yaml", 5, 8), scalar(root, "block").locationAt(3));
    }

    @Test
    void duplicateKeysAtAnyDepthAreReportedAndTheFirstIsKept() {
        YamlMapping root = read("a: 1\nb:\n  x: 1\n  x: 2\na: 3\n");
        assertEquals(List.of(
                "f.yaml:4:3: duplicate key `x'; it is already defined at line 3, column 3",
                "f.yaml:5:1: duplicate key `a'; it is already defined at line 1, column 1"), messages());
        assertEquals("1", scalar(root, "a").text());
    }

    @Test
    void aliasesResolveToTheirAnchor() {
        YamlMapping root = read("base: &svc [ {app: http} ]\ncopy: *svc\n");
        assertSame(root.entry("base").orElseThrow().value(), root.entry("copy").orElseThrow().value());
        assertEquals(List.of(), messages());
    }

    @Test
    void undefinedAliasAndSecondDocument() {
        read("a: *nothing\n---\nb: 2\n");
        assertEquals(List.of(
                "f.yaml:1:4: undefined alias `*nothing'; define the anchor `&nothing' before it",
                "f.yaml:3:1: a second YAML document; a file holds exactly one"), messages());
    }

    @Test
    void syntaxErrorsNameTheProblemAndItsPlace() {
        assertEquals(Optional.empty(), YamlTreeReader.read("f.yaml", "a:\n\t- x\n", problems));
        assertEquals(List.of("f.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)"), messages());
    }

    @Test
    void anEmptyDocumentIsNoNode() {
        assertEquals(Optional.empty(), YamlTreeReader.read("f.yaml", "# only a comment\n", problems));
        assertEquals(List.of(), messages());
    }
}
