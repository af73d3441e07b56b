package io.nflab.console;

import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Console lines read from a script file or a stdin that is not a terminal. Each line is echoed after its
 * prompt, so the output reads as a transcript of the session; blank lines are echoed blank.
 */
public final class ScriptLines implements LineSource {
    private final BufferedReader reader;
    private final String name;
    private final PrintWriter echo;
    private int lineNumber;

    /** @param name how errors name the script: its path, or {@code stdin} */
    public ScriptLines(BufferedReader reader, String name, PrintWriter echo) {
        this.reader = reader;
        this.name = name;
        this.echo = echo;
    }

    @Override
    public Optional<String> next(String prompt) {
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            throw new UserInputException("cannot read " + name + ": " + IoErrors.describe(e));
        }
        if (line == null) {
            return Optional.empty();
        }
        lineNumber++;
        echo.println(line.isBlank() ? "" : prompt + line);
        echo.flush();
        return Optional.of(line);
    }

    @Override
    public Optional<String> location() {
        return Optional.of(name + ":" + lineNumber);
    }

    @Override
    public boolean interactive() {
        return false;
    }
}
