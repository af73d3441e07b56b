package io.nflab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.diagnostics.TextSyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small text forms of scenario files: command lines and durations. */
class TextParsersTest {

    @Test
    void commandLinesSplitLikeAShell() {
        assertEquals(List.of("-t", "nat", "-L", "-n"), ShellWords.split("  -t nat\t-L  -n "));
        assertEquals(List.of("-m", "comment", "--comment", "two words", "it's"),
                ShellWords.split("-m comment --comment 'two words' it\\'s"));
        assertEquals(List.of("say \"hi\" \\n", "ab"), ShellWords.split("\"say \\\"hi\\\" \\n\" a\"b\""));
        assertEquals(List.of(""), ShellWords.split("''"));
        assertEquals(List.of(), ShellWords.split(""));
    }

    @Test
    void unterminatedQuotesAndTrailingBackslashesNameTheirColumn() {
        TextSyntaxException quote = assertThrows(TextSyntaxException.class, () -> ShellWords.split("-j LOG \"open"));
        assertEquals("unterminated \" quote in `-j LOG \"open'", quote.getMessage());
        assertEquals(7, quote.column());
        TextSyntaxException backslash = assertThrows(TextSyntaxException.class, () -> ShellWords.split("-L \\"));
        assertEquals(3, backslash.column());
    }

    @Test
    void durations() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), DurationText.tryParse("30s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), DurationText.tryParse("5m"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), DurationText.tryParse("120s"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), DurationText.tryParse("1h30m"));
        assertEquals(Optional.of(Duration.ofDays(5).plusSeconds(1)), DurationText.tryParse("5d1s"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), DurationText.tryParse("1s500ms"));
        assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
        assertEquals("5d1s", DurationText.format(Duration.ofDays(5).plusSeconds(1)));
        assertEquals("250ms", DurationText.format(Duration.ofMillis(250)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "s", "5x", "1m1h", "1s1s", "0s", "-5s", "1.5s", "30 s"})
    void notDurations(String text) {
        assertEquals(Optional.empty(), DurationText.tryParse(text));
    }
}
