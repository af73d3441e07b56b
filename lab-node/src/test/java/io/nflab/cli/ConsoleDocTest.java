package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example in docs/console.md is what {@code nflab run port-forward --script demo.nfl} prints. */
class ConsoleDocTest {
    private static final Path DOC = Path.of(System.getProperty(LabLocator.REPOSITORY_PROPERTY), "docs", "console.md");

    @Test
    void theExampleTranscriptIsTrue(@TempDir Path dir) throws IOException {
        String doc = Files.readString(DOC);
        Matcher example = Pattern.compile("A script, `demo\\.nfl`:\n\n```\n(.*?)```\n.*?```\n(.*?)```\n", Pattern.DOTALL)
                .matcher(doc);
        assertEquals(true, example.find(), "docs/console.md has the example script and its transcript");
        Path script = dir.resolve("demo.nfl");
        Files.writeString(script, example.group(1));
        String transcript = example.group(2);
        int lastLine = transcript.lastIndexOf('\n', transcript.length() - 2) + 1;

        CliRunner run = CliRunner.run("run", "port-forward", "--script", script.toString());

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        // the HTTP answer's header lines end in CR LF; the Markdown shows them as plain lines
        assertEquals(transcript.substring(0, lastLine), run.out().replace("\r\n", "\n"), "the example in docs/console.md is"
                + " stale: paste what `./nflab run port-forward --script demo.nfl 2>&1' prints there");
        assertEquals(transcript.substring(lastLine).replace("demo.nfl", script.toString()), run.err());
    }
}
