package io.nflab.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineWordsTest {

    @Test
    void blanksSeparateWords() {
        assertEquals(List.of("iptables", "-A", "INPUT", "-j", "ACCEPT"),
                CommandLineWords.split("iptables  -A\tINPUT -j ACCEPT "));
    }

    @Test
    void quotesKeepBlanksAndMayJoinWithNeighbours() {
        assertEquals(List.of("--log-prefix", "IN: ", "a b'c", "x\"y"),
                CommandLineWords.split("--log-prefix \"IN: \" 'a b'\\''c' x'\"'y"));
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() {
        assertEquals(List.of("say \"hi\" \\ \\n $HOME"), CommandLineWords.split("\"say \\\"hi\\\" \\\\ \\n $HOME\""));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("it\\s \"x\""), CommandLineWords.split("'it\\s \"x\"'"));
    }

    @Test
    void backslashOutsideQuotesEscapesAnyCharacter() {
        assertEquals(List.of("a b", "#c"), CommandLineWords.split("a\\ b \\#c"));
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() {
        assertEquals(List.of("-s", "", "x"), CommandLineWords.split("-s \"\" x"));
        assertEquals(List.of(), CommandLineWords.split("   "));
    }

    @Test
    void unterminatedQuotesAndTrailingBackslashAreErrors() {
        assertEquals("unterminated \" quote",
                assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("a \"b")).getMessage());
        assertEquals("unterminated ' quote",
                assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("a 'b")).getMessage());
        assertEquals("backslash at end of line",
                assertThrows(IllegalArgumentException.class, () -> CommandLineWords.split("a \\")).getMessage());
    }
}
