package io.nflab.cli;

import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report file a command writes when it is done ({@code --report-json}, {@code --junit}): checked before the
 * command starts, so that a typo in its folder is said at once rather than after a long replay.
 */
final class ReportFile {
    private ReportFile() {
    }

    /**
     * Refuses a report file that could not be written: its folder is missing or not writable, or it names a
     * folder or a file that may not be replaced.
     *
     * @throws UserInputException naming the file and the reason
     */
    static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UserInputException("cannot write " + file + ": no such folder " + folder);
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException("cannot write " + file + ": it is a folder");
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            throw new UserInputException("cannot write " + file + ": permission denied");
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file}, replacing it. */
    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + file + ": " + IoErrors.describe(e));
        }
    }
}
