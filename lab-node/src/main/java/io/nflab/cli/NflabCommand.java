package io.nflab.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nflab} command line. Each subcommand is a class of its own in this package;
 * exit codes: 0 success, 1 a check failed, 2 bad input (see README).
 */
@Command(
        name = "nflab",
        mixinStandardHelpOptions = true,
        versionProvider = NflabVersion.class,
        description = "A network lab emulator with a faithful Linux packet path.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, ReplayCommand.class, VerifyKernelCommand.class,
            ValidateCommand.class, IptablesCommand.class, IptablesSaveCommand.class, IptablesRestoreCommand.class,
            NodeCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check or expectation failed",
            "2:bad input (usage, topology, scenario, rules)"
        })
public final class NflabCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Reports print ✓ and ✗: the terminal gets UTF-8 whatever the platform's default charset is.
        System.exit(newCommandLine()
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true))
                .execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new NflabCommand()) // picocli exits 2 (USAGE) on invalid input
                .setExecutionExceptionHandler(new FriendlyExceptionHandler());
        for (String tool : new String[] {"iptables", "iptables-save", "iptables-restore"}) {
            // Everything after --rules FILE is the tool's own command line: the first word that is not
            // one of ours ends option parsing, and unknown options are arguments, never picocli errors.
            commandLine.getSubcommands().get(tool)
                    .setUnmatchedOptionsArePositionalParams(true)
                    .setStopAtPositional(true);
        }
        return commandLine;
    }
}
