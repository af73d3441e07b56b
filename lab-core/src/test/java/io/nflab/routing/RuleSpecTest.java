package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.diagnostics.TextSyntaxException;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSpecTest {

    private static final Predicate<String> EVERY_DEVICE = name -> true;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fwmark 1 lookup 100                         | 32765:\tfrom all fwmark 0x1 lookup 100",
        "table main fwmark 0x10/0xf0                 | 32765:\tfrom all fwmark 0x10/0xf0 lookup main",
        "pref 10 from 10.0.0.1/8 to 1.2.3.4 lookup 7 | 10:\tfrom 10.0.0.1/8 to 1.2.3.4 lookup 7",
        "iif eth1 oif eth0 lookup default            | 32765:\tfrom all iif eth1 oif eth0 lookup default",
        "from all fwmark 0/0xff lookup 6             | 32765:\tfrom all fwmark 0/0xff lookup 6",
    })
    void makesTheRuleIpRuleAddMakes(String text, String listed) {
        assertEquals(listed, RuleSpec.parse(text).rule(32765).format(EVERY_DEVICE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fwmark 1                    | ''      | 8  | a rule needs `lookup TABLE'",
        "fwmark x lookup 100         | x       | 7  | invalid fwmark `x'; expected 0..4294967295 (decimal or 0x hex)",
        "fwmark 1/0xg lookup 100     | 0xg     | 9  | invalid fwmark mask `0xg'; expected 0..4294967295 (decimal or 0x hex)",
        "lookup 100 fwmark 1 lookup 2 | lookup | 20 | `lookup' given twice",
        "lookup 0                    | 0       | 7  | invalid table `0'; expected 1..4294967295, main, local or default",
        "not fwmark 1 lookup 100     | not     | 0  | unexpected word `not'; expected pref, from, to, fwmark, iif, oif or lookup",
        "from 10.0.0.0/33 lookup 5   | 10.0.0.0/33 | 5 | invalid prefix `10.0.0.0/33'; expected `all' or A.B.C.D/LEN",
        "lookup                      | ''      | 6  | `lookup' needs a value",
    })
    void refusesNamingTheWordAndItsColumn(String text, String word, int column, String problem) {
        TextSyntaxException e = assertThrows(TextSyntaxException.class, () -> RuleSpec.parse(text));
        assertEquals("invalid rule `" + text.strip() + "': " + problem, e.getMessage());
        assertEquals(word, e.offendingWord());
        assertEquals(column, e.column());
    }
}
