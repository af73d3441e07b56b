package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreTokenizerTest {

    @Test
    void quotesGroupAndEndTheirArgument() {
        assertEquals(List.of("-A", "INPUT", "-m", "comment", "--comment", "a \"b\" c", "-j", "ACCEPT"),
                RestoreTokenizer.split("-A INPUT -m comment --comment \"a \\\"b\\\" c\" -j ACCEPT\n"));
        assertEquals(List.of("x", ""), RestoreTokenizer.split("x \"\""));
        assertEquals(List.of("ab", "c"), RestoreTokenizer.split("a\"b\"c"));
    }

    @Test
    void anUnterminatedQuoteRunsToTheEndOfTheLineNewlineIncluded() {
        assertEquals(List.of("--comment", "open -j ACCEPT\n"), RestoreTokenizer.split("--comment \"open -j ACCEPT\n"));
    }
}
