package io.nflab.routing;

/**
 * An early end of an {@code ip} command with the exit code and the message iproute2 gives (its
 * {@code invarg}, {@code duparg2}, {@code usage}, {@code nodev} ... paths). The message is printed as it
 * is: it carries its own newlines.
 */
final class IpExit extends RuntimeException {
    private final int exitCode;
    private final String stderr;

    IpExit(int exitCode, String stderr) {
        super(stderr, null, false, false);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    int exitCode() {
        return exitCode;
    }

    String stderr() {
        return stderr;
    }

    /** {@code invarg(msg, arg)}: exit 255; {@code message} includes any trailing newline iproute2 gives it. */
    static IpExit invalidArgument(String message, String word) {
        return new IpExit(255, "Error: argument \"" + word + "\" is wrong: " + message + "\n");
    }

    /** {@code duparg2(key, arg)}. */
    static IpExit garbage(String key, String word) {
        return new IpExit(255, "Error: either \"" + key + "\" is duplicate, or \"" + word + "\" is a garbage.\n");
    }

    /** {@code duparg(key, arg)}. */
    static IpExit duplicate(String key, String word) {
        return new IpExit(255, "Error: duplicate \"" + key + "\": \"" + word + "\" is the second value.\n");
    }

    /** {@code NEXT_ARG()} at the end of the words. */
    static IpExit incomplete() {
        return new IpExit(255, "Command line is not complete. Try option \"help\"\n");
    }

    /** {@code nodev(name)}. */
    static IpExit noDevice(String name) {
        return new IpExit(1, "Cannot find device \"" + name + "\"\n");
    }

    /** A word iproute2 accepts but nflab does not emulate: refused, never ignored. */
    static IpExit unsupported(String word) {
        return new IpExit(255, "Error: nflab's ip does not support \"" + word + "\" (see docs/routing.md).\n");
    }

    /** {@code usage()}: the object's usage text on stderr, exit 255. */
    static IpExit usage(String object) {
        return new IpExit(255, Usage.text(object));
    }
}
