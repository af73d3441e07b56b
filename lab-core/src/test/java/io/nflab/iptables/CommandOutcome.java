package io.nflab.iptables;

/**
 * What one iptables, iptables-save or iptables-restore command did, as the user sees it: the
 * exit code and the exact bytes of stdout and stderr (decoded as UTF-8).
 */
public record CommandOutcome(int exitCode, String stdout, String stderr) {

    public CommandOutcome {
        if (stdout == null || stderr == null) {
            throw new NullPointerException("stdout and stderr must not be null");
        }
    }
}
