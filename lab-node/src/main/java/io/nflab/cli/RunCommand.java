package io.nflab.cli;

import io.nflab.console.Console;
import io.nflab.console.ConsoleCompleter;
import io.nflab.console.ConsoleStatus;
import io.nflab.console.ConsoleTerminal;
import io.nflab.console.ScriptLines;
import io.nflab.console.TerminalLines;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.LabSession;
import io.nflab.scenario.LabLoader;
import io.nflab.scenario.ScenarioLoader;
import io.nflab.topology.Topology;
import io.nflab.topology.TopologyLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nflab run LAB [--script FILE] [--seed HOST:PORT …]}: starts a lab (on the embedded one-member
 * cluster, or on the cluster of the seeds) and its console. Interactive (JLine) when stdin is a
 * terminal; otherwise, or with {@code --script}, the lines are run in order and echoed as a transcript.
 * Exit code: 0 when every command succeeded, 1 when one exited non-zero, 2 when a line was bad input
 * (the console goes on in every case).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a lab and its console: NODE COMMAND … on a node, `help' for the rest.",
        footerHeading = "%n",
        footer = {"Without --script the console is interactive when stdin is a terminal; otherwise it reads the",
            "lines from stdin. Script lines are echoed after the prompt, so the output reads as a transcript.",
            "`NODE iptables-restore < FILE' reads FILE relative to the lab folder. See docs/console.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every command succeeded",
            "1:a command exited non-zero",
            "2:bad input (lab, script: unknown node or command, bad duration …)"
        })
final class RunCommand implements Callable<Integer> {
    static final String HISTORY_FILE = ".nflab_history";

    @Parameters(paramLabel = "LAB", description = "a lab folder, its topology.yaml, or a lab name like port-forward")
    private String lab;

    @Option(names = "--script", paramLabel = "FILE", description = "run the console lines of FILE and exit")
    private Path script;

    @Option(names = "--history", paramLabel = "FILE",
            description = "where the interactive console keeps its history (default: ~/" + HISTORY_FILE + ")")
    private Path history;

    @Mixin
    private MemberOptions member;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path located = LabLocator.fromSystem().locate(lab);
        Path folder = Files.isDirectory(located) ? located : located.getParent();
        Topology topology = TopologyLoader.load(topologyFile(located));
        try (BufferedReader lines = script != null ? open(script) : null;
             LabSession session = LabRuntime.start(topology, member.settings())) {
            if (lines != null) {
                return scripted(session, folder, lines, script.toString()).exitCode();
            }
            if (System.console() == null) { // stdin is a file or a pipe
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return scripted(session, folder, stdin, "stdin").exitCode();
            }
            return interactive(session, folder).exitCode();
        }
    }

    private ConsoleStatus scripted(LabSession session, Path folder, BufferedReader lines, String name) {
        PrintWriter out = spec.commandLine().getOut();
        return new Console(session, folder, out, spec.commandLine().getErr()).run(new ScriptLines(lines, name, out));
    }

    private ConsoleStatus interactive(LabSession session, Path folder) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter screen = terminal.writer();
            Console console = new Console(session, folder, screen, screen);
            LineReader reader = ConsoleTerminal.reader(terminal,
                    new ConsoleCompleter(session.topology(), console::recentPacketIds), historyFile());
            screen.println("nflab: lab " + session.topology().name() + " is running ("
                    + session.topology().nodes().size() + " nodes). `help' lists the commands; Ctrl-D leaves.");
            ConsoleStatus status = console.run(new TerminalLines(reader));
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                screen.println("nflab: cannot save the history in " + historyFile() + ": " + IoErrors.describe(e));
            }
            return status;
        }
    }

    private Path historyFile() {
        return history != null ? history : Path.of(System.getProperty("user.home"), HISTORY_FILE);
    }

    /** The lab's topology file: LAB/topology.yaml, or LAB itself when it is a file (but not a scenario). */
    static Path topologyFile(Path located) {
        if (Files.isDirectory(located)) {
            return located.resolve(LabLoader.TOPOLOGY_FILE);
        }
        if (isScenario(located)) {
            throw new UserInputException(located + " is a scenario: `nflab replay' runs it; `nflab run' takes a lab");
        }
        return located;
    }

    private static boolean isScenario(Path file) {
        try {
            return ScenarioLoader.isScenario(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + IoErrors.describe(e));
        }
    }

    private static BufferedReader open(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot read the script " + file + ": " + IoErrors.describe(e));
        }
    }
}
