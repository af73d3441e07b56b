package io.nflab.conntrack;

/**
 * conntrack's {@code exit_error}: the tool stops with a message on stderr ("conntrack v1.4.7
 * (conntrack-tools): " + message, and for parameter problems the "Try `conntrack -h'" line) and an exit
 * status: 2 for parameter problems, 1 for others.
 */
final class CliExit extends RuntimeException {
    static final int OTHER_PROBLEM = 1;
    static final int PARAMETER_PROBLEM = 2;

    final int status;

    private CliExit(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static CliExit parameter(String message) {
        return new CliExit(PARAMETER_PROBLEM, message);
    }

    static CliExit other(String message) {
        return new CliExit(OTHER_PROBLEM, message);
    }

    /** What conntrack writes to stderr for this exit. */
    String stderr() {
        String text = ConntrackCli.PREFIX + getMessage() + "\n";
        return status == PARAMETER_PROBLEM ? text + "Try `conntrack -h' or 'conntrack --help' for more information.\n"
                : text;
    }
}
