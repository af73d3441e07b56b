package io.nflab.app;

/** The growing stdout and stderr of a running program and, once it exits, its exit code. */
final class ProgramOutput {
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();
    private int exitCode = -1;

    void out(String text) {
        stdout.append(text);
    }

    void err(String text) {
        stderr.append(text);
    }

    void exit(int code) {
        if (exitCode < 0) {
            exitCode = code;
        }
    }

    boolean exited() {
        return exitCode >= 0;
    }

    ToolOutput snapshot() {
        return new ToolOutput(stdout.toString(), stderr.toString(), exitCode);
    }
}
