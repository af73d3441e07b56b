package io.nflab.console;

import io.nflab.scenario.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One console line, parsed: a command run on a node, or one of the lab's own commands. */
public sealed interface ConsoleCommand {

    /** A blank line or a {@code #} comment. */
    record Nothing() implements ConsoleCommand {
    }

    /** {@code NODE PROGRAM ARGS… [< FILE | << WORD]}: a program run on a node's console. */
    record OnNode(String node, List<String> argv, Stdin stdin) implements ConsoleCommand {
        public OnNode {
            Objects.requireNonNull(node, "node");
            argv = List.copyOf(argv);
            Objects.requireNonNull(stdin, "stdin");
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a node command needs a program");
            }
        }
    }

    /** {@code help}. */
    record Help() implements ConsoleCommand {
    }

    /** {@code nodes}: the lab's nodes, interfaces, addresses and services. */
    record ListNodes() implements ConsoleCommand {
    }

    /** {@code clock}: prints the lab clock. */
    record ShowClock() implements ConsoleCommand {
    }

    /** {@code clock advance DURATION}. */
    record AdvanceClock(Duration by) implements ConsoleCommand {
        public AdvanceClock {
            Objects.requireNonNull(by, "by");
        }
    }

    /** {@code fault TYPE …}: link-down, link-up, crash, restart, loss. */
    record InjectFault(Fault fault) implements ConsoleCommand {
        public InjectFault {
            Objects.requireNonNull(fault, "fault");
        }
    }

    /** {@code trace ID}: one packet's story. */
    record TracePacket(long id) implements ConsoleCommand {
    }

    /** {@code packets}: every packet the previous command caused. */
    record ListPackets() implements ConsoleCommand {
    }

    /** {@code exit} or {@code quit}. */
    record Exit() implements ConsoleCommand {
    }
}
