package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NflabCommandTest {

    @Test
    void helpListsEveryCommandWithOneLine() {
        CliRunner result = CliRunner.run("--help");
        assertEquals(0, result.exitCode());
        CommandLine root = NflabCommand.newCommandLine();
        for (var entry : root.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue; // picocli's own help command
            }
            String[] description = entry.getValue().getCommandSpec().usageMessage().description();
            assertEquals(1, description.length, entry.getKey() + " has a one-line description");
            assertTrue(result.out().contains(entry.getKey()), "--help lists " + entry.getKey());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String name : NflabCommand.newCommandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRunner result = CliRunner.run(name, "--help");
            assertEquals(0, result.exitCode(), name + " --help");
            assertTrue(result.out().startsWith("Usage: nflab " + name), result.out());
        }
    }

    @Test
    void unknownCommandIsBadInputWithoutStackTrace() {
        CliRunner result = CliRunner.run("frobnicate");
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("frobnicate"), result.err());
        assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
    }
}
