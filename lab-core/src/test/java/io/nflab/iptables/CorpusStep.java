package io.nflab.iptables;

import java.util.List;

/**
 * One command of a corpus case with the outcome the real iptables 1.8.9 gave.
 *
 * @param caseName the case's file name without {@code .cmds}, e.g. {@code 13-chains}
 * @param line the command's line number in the case file
 * @param commandLine the command line as written in the case file (without its here-document)
 * @param argv the words of the command; argv[0] is the program: {@code iptables},
 *     {@code iptables-save} or {@code iptables-restore}
 * @param stdin what the command reads on stdin (the here-document), empty when none
 * @param expected exit code, stdout and stderr of the real command; in stdout, iptables-save's
 *     timestamps are replaced by {@link IptablesCorpus#TIMESTAMP_PLACEHOLDER}
 */
public record CorpusStep(String caseName, int line, String commandLine, List<String> argv, String stdin,
        CommandOutcome expected) {

    public CorpusStep {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a step needs a program");
        }
    }

    /** argv[0]: {@code iptables}, {@code iptables-save} or {@code iptables-restore}. */
    public String program() {
        return argv.get(0);
    }

    /** The arguments after the program name. */
    public List<String> arguments() {
        return argv.subList(1, argv.size());
    }

    /** Where the step is written, for messages: {@code cases/13-chains.cmds:42}. */
    public String where() {
        return "cases/" + caseName + ".cmds:" + line;
    }

    @Override
    public String toString() {
        return where() + ": " + commandLine;
    }
}
