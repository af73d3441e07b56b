package io.nflab.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One or more files a user gave us are invalid. The message is every {@link Diagnostic}, one per line
 * ({@code FILE:LINE:COLUMN: message}), in the order of the files and of the places in them.
 */
public final class ValidationException extends UserInputException {
    private final List<Diagnostic> diagnostics;

    public ValidationException(List<Diagnostic> diagnostics) {
        super(format(diagnostics));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String format(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
}
