package io.nflab.cli;

import io.nflab.diagnostics.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns bad input into one clear line on stderr and exit code 2, never a stack trace.
 * Anything else is a bug in nflab: it is reported as such, with the trace, and exits 70.
 */
final class FriendlyExceptionHandler implements IExecutionExceptionHandler {
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof UserInputException input) {
            commandLine.getErr().println(input.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        commandLine.getErr().println("nflab: internal error (please report it): " + e);
        e.printStackTrace(commandLine.getErr());
        return INTERNAL_ERROR;
    }
}
