package io.nflab.console;

import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.ClockText;
import io.nflab.lab.LabSession;
import io.nflab.lab.PacketStory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab console: reads lines from a {@link LineSource}, runs each on the {@link LabSession} and prints what
 * it did ({@link ActivityReport}). Bad input is one line on {@code err} ({@code FILE:LINE: message} for a
 * script) and never ends the session; {@code exit}, {@code quit} or the end of the input do.
 */
public final class Console {
    /** The prompt of the lines a command reads as its stdin. */
    public static final String CONTINUATION_PROMPT = "> ";

    private final LabSession lab;
    private final Path labFolder;
    private final ConsoleParser parser;
    private final PrintWriter out;
    private final PrintWriter err;
    private List<PacketStory> lastPackets = List.of();
    private ConsoleStatus status = ConsoleStatus.OK;

    /**
     * @param labFolder where {@code < FILE} looks for a relative FILE
     * @param out       the commands' output (stdout and stderr, as a terminal shows them) and the transcript
     * @param err       the console's own error lines
     */
    public Console(LabSession lab, Path labFolder, PrintWriter out, PrintWriter err) {
        this.lab = lab;
        this.labFolder = labFolder;
        this.parser = new ConsoleParser(lab.topology());
        this.out = out;
        this.err = err;
    }

    /** Runs lines until the input ends or {@code exit}; returns the worst outcome seen. */
    public ConsoleStatus run(LineSource lines) {
        try {
            while (true) {
                Optional<String> line;
                try {
                    line = lines.next(prompt());
                } catch (LineSource.Interrupted cancelled) {
                    continue;
                }
                if (line.isEmpty() || !step(line.get(), lines)) {
                    return status;
                }
            }
        } catch (UserInputException unreadable) { // the script itself cannot be read
            problem(lines, unreadable.getMessage());
            return status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The ids of the packets the last command that sent any caused, for completion. */
    public List<Long> recentPacketIds() {
        return lastPackets.stream().map(PacketStory::id).toList();
    }

    /** {@code port-forward 12.345s> }: the lab's name and clock. */
    public String prompt() {
        return lab.topology().name() + " " + ClockText.millis(lab.clock()) + "> ";
    }

    /** Runs one line; false when it asks to leave. */
    private boolean step(String line, LineSource lines) {
        Optional<String> where = lines.location();
        try {
            ConsoleCommand command = parser.parse(line);
            if (command instanceof ConsoleCommand.Exit) {
                return false;
            }
            execute(command, lines);
        } catch (LineSource.Interrupted cancelled) {
            out.println("(cancelled)");
        } catch (UserInputException e) {
            problem(where, lines.interactive(), e.getMessage());
        } catch (RuntimeException bug) {
            err.println("nflab: internal error (please report it): " + bug);
            bug.printStackTrace(err);
            status = status.worst(ConsoleStatus.INTERNAL_ERROR);
        }
        out.flush();
        err.flush();
        return true;
    }

    private void execute(ConsoleCommand command, LineSource lines) {
        if (command instanceof ConsoleCommand.OnNode onNode) {
            String stdin = stdin(onNode.stdin(), lines);
            Activity activity = lab.command(onNode.node(), onNode.argv(), stdin);
            show(activity);
            if (activity.exitCode() != 0) {
                status = status.worst(ConsoleStatus.COMMAND_FAILED);
            }
        } else if (command instanceof ConsoleCommand.AdvanceClock advance) {
            show(lab.advance(advance.by().toNanos()));
        } else if (command instanceof ConsoleCommand.InjectFault fault) {
            show(lab.fault(fault.fault()));
        } else if (command instanceof ConsoleCommand.TracePacket trace) {
            PacketStory story = lab.packet(trace.id()).orElseThrow(() -> new UserInputException(lab.forgotten(trace.id())
                    ? "packet #" + trace.id() + " is no longer kept: this lab keeps only its most recent packets' stories"
                    : "no packet #" + trace.id() + " in this lab"));
            List<PacketStory> known = new ArrayList<>(lastPackets);
            known.add(story);
            PacketTrace.lines(story, known).forEach(out::println);
        } else if (command instanceof ConsoleCommand.ListPackets) {
            if (lastPackets.isEmpty()) {
                out.println("no packets yet");
            } else {
                out.println(ActivityReport.header(lastPackets.size()));
                PacketSummary.lines(lastPackets, Integer.MAX_VALUE).forEach(out::println);
            }
        } else if (command instanceof ConsoleCommand.ShowClock) {
            out.println(ClockText.millis(lab.clock()));
        } else if (command instanceof ConsoleCommand.ListNodes) {
            NodesListing.lines(lab.topology()).forEach(out::println);
        } else if (command instanceof ConsoleCommand.Help) {
            ConsoleHelp.lines().forEach(out::println);
        }
    }

    private void show(Activity activity) {
        ActivityReport.print(activity, out);
        if (!activity.packets().isEmpty()) {
            lastPackets = activity.packets();
        }
    }

    /** The text a node command reads as stdin, from a file or from the lines that follow it. */
    private String stdin(Stdin source, LineSource lines) {
        if (source instanceof Stdin.FromFile file) {
            return readFile(file.path());
        }
        if (source instanceof Stdin.HereDocument here) {
            return readLines(lines, here.delimiter(), false)
                    .orElseThrow(() -> new UserInputException("the input ended before the line `" + here.delimiter()
                            + "' that ends the here-document"));
        }
        if (source instanceof Stdin.UntilCommit) {
            if (lines.interactive()) {
                out.println("(type the table, e.g. *filter … then COMMIT)");
                out.flush();
            }
            return readLines(lines, Stdin.UntilCommit.COMMIT, true).orElseGet(String::new);
        }
        return "";
    }

    /**
     * The lines up to {@code end}, each with its newline; the end line is included when {@code keepEnd}.
     * Empty when the input ended first and the partial text is not wanted ({@code keepEnd} false).
     */
    private Optional<String> readLines(LineSource lines, String end, boolean keepEnd) {
        StringBuilder text = new StringBuilder();
        while (true) {
            Optional<String> line = lines.next(CONTINUATION_PROMPT);
            if (line.isEmpty()) {
                return keepEnd ? Optional.of(text.toString()) : Optional.empty();
            }
            boolean last = keepEnd ? line.get().strip().equals(end) : line.get().equals(end);
            if (!last || keepEnd) {
                text.append(line.get()).append('\n');
            }
            if (last) {
                return Optional.of(text.toString());
            }
        }
    }

    private String readFile(String name) {
        Path file;
        try {
            Path given = Path.of(name);
            file = given.isAbsolute() ? given : labFolder.resolve(name);
        } catch (InvalidPathException e) {
            throw new UserInputException("invalid path `" + name + "': " + e.getReason());
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + IoErrors.describe(e));
        }
    }

    private void problem(LineSource lines, String message) {
        problem(lines.location(), lines.interactive(), message);
    }

    private void problem(Optional<String> where, boolean interactive, String message) {
        err.println(interactive ? "error: " + message : where.map(w -> w + ": ").orElse("") + message);
        status = status.worst(ConsoleStatus.BAD_INPUT);
    }
}
