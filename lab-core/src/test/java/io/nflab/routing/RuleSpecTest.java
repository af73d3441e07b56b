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
        "not to 10.0.0.0/8 ipproto tcp dport 80 lookup 100 | 32765:\tnot from all to 10.0.0.0/8 ipproto tcp dport 80 lookup 100",
        "tos 0x10 sport 1000-2000 uidrange 0-0 prohibit | 32765:\tfrom all tos 0x10 uidrange 0-0 sport 1000-2000 prohibit",
        "pref 5 to 9.9.9.0/24 goto 30                | 5:\tfrom all to 9.9.9.0/24 goto 30",
        "to 1.2.3.4 unreachable                      | 32765:\tfrom all to 1.2.3.4 unreachable",
        "fwmark 3 blackhole                          | 32765:\tfrom all fwmark 0x3 blackhole",
        "dsfield 8 nop                               | 32765:\tfrom all tos 0x08 nop",
    })
    void makesTheRuleIpRuleAddMakes(String text, String listed) {
        assertEquals(listed, RuleSpec.parse(text).rule(32765).format(EVERY_DEVICE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fwmark 1                    | ''      | 8  | a rule needs an action: `lookup TABLE', `goto PREF', nop, blackhole, unreachable or prohibit",
        "lookup 5 prohibit           | prohibit | 9 | `prohibit' and `lookup' are two actions; a rule has one",
        "goto 30                     | goto    | 0  | `goto' needs `pref' (its target must come after the rule)",
        "pref 30 goto 30             | 30      | 13 | the kernel refuses it: Backward goto not supported",
        "sport 10-5 lookup 5         | 10-5    | 6  | the kernel refuses it: Invalid sport range",
        "tos 0x11 lookup 5           | 0x11    | 4  | the kernel refuses it: Invalid dsfield (tos): ECN bits must be 0",
        "dport 70000 lookup 5        | 70000   | 6  | invalid port range `70000'; expected PORT or FIRST-LAST (1..65534)",
        "ipproto foo lookup 5        | foo     | 8  | invalid ipproto `foo'; expected a protocol name or 0..255",
        "fwmark x lookup 100         | x       | 7  | invalid fwmark `x'; expected 0..4294967295 (decimal or 0x hex)",
        "fwmark 1/0xg lookup 100     | 0xg     | 9  | invalid fwmark mask `0xg'; expected 0..4294967295 (decimal or 0x hex)",
        "lookup 100 fwmark 1 lookup 2 | lookup | 20 | `lookup' given twice",
        "lookup 0                    | 0       | 7  | invalid table `0'; expected 1..4294967295, main, local or default",
        "nat 1.2.3.4 lookup 100      | nat     | 0  | unexpected word `nat'; expected not, pref, from, to, tos, fwmark, iif, oif, ipproto, sport, dport, uidrange, lookup, goto, nop, blackhole, unreachable or prohibit",
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
