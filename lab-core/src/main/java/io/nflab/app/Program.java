package io.nflab.app;

/**
 * A client program running on a host's socket table: it was started at some lab time, works as the
 * table delivers packets and fires timers, and at some point is finished with its output and exit code.
 */
public interface Program {

    boolean isFinished();

    /** The output so far; complete (with the exit code) once {@link #isFinished()}. */
    ToolOutput output();
}
