package io.nflab.console;

/** How a console session went, as the exit code of {@code nflab run}: the worst thing that happened. */
public enum ConsoleStatus {
    /** Every command succeeded. */
    OK(0),
    /** A command exited non-zero (the console went on). */
    COMMAND_FAILED(1),
    /** A line was bad input: unknown node or command, bad duration, unreadable file (the console went on). */
    BAD_INPUT(2),
    /** nflab itself failed on a line (a bug; the console went on). */
    INTERNAL_ERROR(70);

    private final int exitCode;

    ConsoleStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The worse of the two. */
    public ConsoleStatus worst(ConsoleStatus other) {
        return other.exitCode > exitCode ? other : this;
    }
}
