package io.nflab.console;

import java.nio.file.Path;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;

/** The JLine line reader of an interactive console: completion, history in a file, no {@code !} expansion. */
public final class ConsoleTerminal {
    private ConsoleTerminal() {
    }

    /**
     * @param history the history file (created when missing), e.g. {@code ~/.nflab_history}
     */
    public static LineReader reader(Terminal terminal, ConsoleCompleter completer, Path history) {
        return LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("nflab")
                .completer(completer)
                .variable(LineReader.HISTORY_FILE, history)
                // iptables negates with `!': history expansion would eat it
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }
}
