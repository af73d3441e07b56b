package io.nflab.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a case file ({@code cases/NN-topic.cmds}): one command per line as typed after the shell
 * prompt ({@code iptables …}, {@code iptables-save …}, {@code iptables-restore …}), words quoted
 * as {@link CommandLineWords} describes, {@code #} lines and blank lines ignored, and
 * {@code <<WORD} at the end of a line giving the following lines, up to a line {@code WORD}, as
 * stdin. Mirrors {@code parse_case} of tools/iptables-corpus/generate.
 */
final class CaseFileParser {

    static final Set<String> PROGRAMS = Set.of("iptables", "iptables-save", "iptables-restore");

    private static final Pattern HEREDOC = Pattern.compile("(?:^|[ \\t])<<([A-Za-z_][A-Za-z0-9_]*)$");

    /** A parsed command before its outcome is attached. */
    record Command(int line, String commandLine, List<String> argv, String stdin) {
    }

    /** A parsed case file. */
    record CaseFile(String description, List<Command> commands) {
    }

    private CaseFileParser() {
    }

    static CaseFile parse(String fileName, String text) {
        List<String> lines = lines(text);
        List<Command> commands = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            int lineNumber = i + 1;
            String raw = lines.get(i++);
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                if (commands.isEmpty() && stripped.startsWith("#")) {
                    description.append(stripped.substring(1).strip()).append('\n');
                }
                continue;
            }
            String where = fileName + ":" + lineNumber;
            if (!raw.equals(stripped)) {
                throw new CorpusFormatException(where + ": a command line must not start or end with blanks");
            }
            Matcher heredoc = HEREDOC.matcher(stripped);
            boolean hasHeredoc = heredoc.find();
            List<String> argv = words(where, hasHeredoc ? stripped.substring(0, heredoc.start()) : stripped);
            StringBuilder stdin = new StringBuilder();
            if (hasHeredoc) {
                String terminator = heredoc.group(1);
                while (true) {
                    if (i >= lines.size()) {
                        throw new CorpusFormatException(where + ": here-document not terminated by a line '"
                                + terminator + "'");
                    }
                    String body = lines.get(i++);
                    if (body.equals(terminator)) {
                        break;
                    }
                    stdin.append(body).append('\n');
                }
            }
            if (argv.isEmpty() || !PROGRAMS.contains(argv.get(0))) {
                throw new CorpusFormatException(where + ": a command must start with one of "
                        + String.join(", ", PROGRAMS.stream().sorted().toList()));
            }
            commands.add(new Command(lineNumber, stripped, argv, stdin.toString()));
        }
        if (commands.isEmpty()) {
            throw new CorpusFormatException(fileName + ": no commands");
        }
        return new CaseFile(description.toString().strip(), List.copyOf(commands));
    }

    /** The lines of a file; a final newline does not start another line. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<String> words(String where, String line) {
        try {
            return CommandLineWords.split(line);
        } catch (IllegalArgumentException e) {
            throw new CorpusFormatException(where + ": " + e.getMessage());
        }
    }
}
