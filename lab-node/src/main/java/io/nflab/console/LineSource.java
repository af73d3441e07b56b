package io.nflab.console;

import java.util.Optional;

/** Where the console's lines come from: a person at a terminal ({@link TerminalLines}) or a script ({@link ScriptLines}). */
public interface LineSource {

    /**
     * The next line, after showing {@code prompt} (a script echoes it with the line, as a transcript).
     *
     * @return empty at the end of the input
     * @throws Interrupted when the person cancels the line (Ctrl-C)
     */
    Optional<String> next(String prompt);

    /** {@code FILE:LINE} of the line last read from a script; empty for a terminal. */
    Optional<String> location();

    /** Whether a person types the lines (hints are shown, errors need no location). */
    boolean interactive();

    /** The line being typed was cancelled; the console drops the command and asks for the next one. */
    final class Interrupted extends RuntimeException {
        public Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
