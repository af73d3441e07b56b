package io.nflab.cli;

/** The exit codes every nflab command uses (DESIGN.md, replay report contract). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
