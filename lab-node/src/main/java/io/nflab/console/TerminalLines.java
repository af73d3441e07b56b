package io.nflab.console;

import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** Console lines typed at a JLine {@link LineReader}: line editing, history, completion. Ctrl-D ends, Ctrl-C cancels a line. */
public final class TerminalLines implements LineSource {
    private final LineReader reader;

    public TerminalLines(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public Optional<String> next(String prompt) {
        try {
            return Optional.of(reader.readLine(prompt));
        } catch (UserInterruptException e) {
            throw new Interrupted();
        } catch (EndOfFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> location() {
        return Optional.empty();
    }

    @Override
    public boolean interactive() {
        return true;
    }
}
