package io.nflab.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an expected file ({@code expected/NN-topic.out}) written by tools/iptables-corpus/generate.
 * Leading {@code #} lines are a header. Then, per command:
 * <pre>
 * ### &lt;command line as in the case file&gt;
 * exit &lt;code&gt;
 * --- stdout                     (or: --- stdout (no newline at end))
 * &lt;stdout, verbatim, possibly no lines&gt;
 * --- stderr                     (or: --- stderr (no newline at end))
 * &lt;stderr, verbatim&gt;
 * </pre>
 * The generator refuses output lines that start with {@code ### } or {@code --- }, so the markers
 * are unambiguous.
 */
final class ExpectedFileParser {

    static final String STEP_MARK = "### ";
    static final String EXIT_MARK = "exit ";
    static final String BLOCK_MARK = "--- ";
    static final String NO_EOL = " (no newline at end)";

    /** One recorded command: its line as written and its outcome; {@code line} is in the expected file. */
    record Entry(int line, String commandLine, CommandOutcome outcome) {
    }

    private final String fileName;
    private final List<String> lines;
    private int next;

    private ExpectedFileParser(String fileName, String text) {
        this.fileName = fileName;
        this.lines = CaseFileParser.lines(text);
    }

    static List<Entry> parse(String fileName, String text) {
        return new ExpectedFileParser(fileName, text).entries();
    }

    private List<Entry> entries() {
        while (next < lines.size() && lines.get(next).startsWith("#") && !lines.get(next).startsWith(STEP_MARK)) {
            next++;
        }
        List<Entry> entries = new ArrayList<>();
        while (next < lines.size()) {
            int stepLine = next + 1;
            String header = expect(STEP_MARK, "a '### <command>' line");
            String commandLine = header.substring(STEP_MARK.length());
            String exit = expect(EXIT_MARK, "an 'exit <code>' line");
            int exitCode;
            try {
                exitCode = Integer.parseInt(exit.substring(EXIT_MARK.length()));
            } catch (NumberFormatException e) {
                throw error(next, "exit code '" + exit.substring(EXIT_MARK.length()) + "' is not a number");
            }
            String stdout = block("stdout");
            String stderr = block("stderr");
            entries.add(new Entry(stepLine, commandLine, new CommandOutcome(exitCode, stdout, stderr)));
        }
        return List.copyOf(entries);
    }

    private String expect(String prefix, String what) {
        if (next >= lines.size() || !lines.get(next).startsWith(prefix)) {
            throw error(next + 1, "expected " + what);
        }
        return lines.get(next++);
    }

    private String block(String name) {
        String plain = BLOCK_MARK + name;
        if (next >= lines.size() || !(lines.get(next).equals(plain) || lines.get(next).equals(plain + NO_EOL))) {
            throw error(next + 1, "expected '" + plain + "'");
        }
        boolean noFinalNewline = lines.get(next++).endsWith(NO_EOL);
        StringBuilder content = new StringBuilder();
        while (next < lines.size() && !lines.get(next).startsWith(BLOCK_MARK) && !lines.get(next).startsWith(STEP_MARK)) {
            content.append(lines.get(next++)).append('\n');
        }
        if (noFinalNewline) {
            if (content.length() == 0) {
                throw error(next, "'" + plain + NO_EOL + "' with no content");
            }
            content.setLength(content.length() - 1);
        }
        return content.toString();
    }

    private CorpusFormatException error(int line, String message) {
        return new CorpusFormatException(fileName + ":" + line + ": " + message);
    }
}
