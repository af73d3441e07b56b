package io.nflab.socket;

/**
 * The socket errors an application can see, with the text {@code strerror} gives for each in glibc
 * (what {@code nc}, {@code ping} and {@code traceroute} print).
 */
public enum Errno {
    ECONNREFUSED("Connection refused"),
    ECONNRESET("Connection reset by peer"),
    ETIMEDOUT("Connection timed out"),
    EHOSTUNREACH("No route to host"),
    ENETUNREACH("Network is unreachable"),
    EHOSTDOWN("Host is down"),
    ENONET("Machine is not on the network"),
    ENOPROTOOPT("Protocol not available"),
    EMSGSIZE("Message too long"),
    EOPNOTSUPP("Operation not supported"),
    EPROTO("Protocol error"),
    EADDRINUSE("Address already in use"),
    EADDRNOTAVAIL("Cannot assign requested address"),
    EACCES("Permission denied"),
    EINVAL("Invalid argument"),
    EPIPE("Broken pipe");

    private final String message;

    Errno(String message) {
        this.message = message;
    }

    /** What {@code strerror} says, e.g. {@code Connection refused}. */
    public String message() {
        return message;
    }
}
