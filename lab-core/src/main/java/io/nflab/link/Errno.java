package io.nflab.link;

/** The error numbers the emulated kernel answers with, and their {@code strerror} texts (glibc). */
public enum Errno {
    EPERM("Operation not permitted"),
    ENOENT("No such file or directory"),
    ESRCH("No such process"),
    ENXIO("No such device or address"),
    EEXIST("File exists"),
    EXDEV("Invalid cross-device link"),
    ENODEV("No such device"),
    EINVAL("Invalid argument"),
    ERANGE("Numerical result out of range"),
    EOPNOTSUPP("Operation not supported"),
    EADDRNOTAVAIL("Cannot assign requested address"),
    ENETDOWN("Network is down"),
    ENETUNREACH("Network is unreachable"),
    EHOSTUNREACH("No route to host"),
    EACCES("Permission denied"),
    ENOBUFS("No buffer space available");

    private final String text;

    Errno(String text) {
        this.text = text;
    }

    /** What {@code strerror(3)} says. */
    public String text() {
        return text;
    }
}
