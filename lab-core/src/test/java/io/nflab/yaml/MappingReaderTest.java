package io.nflab.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.diagnostics.Diagnostic;
import io.nflab.diagnostics.Diagnostics;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappingReaderTest {
    private final Diagnostics problems = new Diagnostics();

    private MappingReader open(String yaml, String... keys) {
        YamlNode node = YamlTreeReader.read("f.yaml", yaml, problems).orElseThrow();
        return MappingReader.open(node, "the thing", problems, List.of(keys)).orElseThrow();
    }

    private List<String> messages() {
        return problems.all().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void typedValuesAndDefaults() {
        MappingReader m = open("port: 80\nup: off\nname: web\nratio: 12.5\n", "port", "up", "name", "ratio", "absent");
        assertEquals(Optional.of(80), m.required("port", YamlValues.integer(1, 65535)));
        assertEquals(false, m.optional("up", YamlValues.bool(), true));
        assertEquals("web", m.optional("name", YamlValues.string(), "x"));
        assertEquals(Optional.of(12.5), m.optional("ratio", YamlValues.decimal(0, 100)));
        assertEquals(7, m.optional("absent", YamlValues.integer(0, 9), 7));
        assertEquals(List.of(), messages());
    }

    @Test
    void wrongValuesSayWhatWasExpected() {
        MappingReader m = open("port: 70000\nup: maybe\nlist: {a: 1}\nratio: lots\n", "port", "up", "list", "ratio");
        m.required("port", YamlValues.integer(1, 65535));
        m.required("up", YamlValues.bool());
        m.required("list", YamlValues.listOf(YamlValues.string()));
        m.required("ratio", YamlValues.decimal(0, 100));
        assertEquals(List.of(
                "f.yaml:1:7: expected an integer 1..65535 for `port', found `70000'",
                "f.yaml:2:5: expected true or false for `up', found `maybe'",
                "f.yaml:3:7: expected a list for `list', found a mapping",
                "f.yaml:4:8: expected a number 0..100 for `ratio', found `lots'"), messages());
    }

    @Test
    void aMisspeltKeyIsReportedOnceWithASuggestion() {
        MappingReader m = open("segmnet: lan\ncolour: red\n", "segment", "address");
        m.required("segment", YamlValues.string());
        m.required("address", YamlValues.string());
        assertEquals(List.of(
                "f.yaml:1:1: unknown key `segmnet' in the thing; expected one of: segment, address (did you mean `segment'?)",
                "f.yaml:1:1: missing required key `address' in the thing",
                "f.yaml:2:1: unknown key `colour' in the thing; expected one of: segment, address"), messages());
    }

    @Test
    void editDistanceCountsASwapAsOneEdit() {
        assertEquals(1, MappingReader.editDistance("sned", "send"));
        assertEquals(1, MappingReader.editDistance("adress", "address"));
        assertEquals(3, MappingReader.editDistance("abc", ""));
        assertEquals(0, MappingReader.editDistance("same", "same"));
    }
}
