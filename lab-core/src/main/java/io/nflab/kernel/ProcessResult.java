package io.nflab.kernel;

/** What a finished process gave back: its exit code and everything it wrote, decoded as UTF-8. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

    public ProcessResult {
        if (stdout == null || stderr == null) {
            throw new NullPointerException("stdout and stderr must not be null");
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
