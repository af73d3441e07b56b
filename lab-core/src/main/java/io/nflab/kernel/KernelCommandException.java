package io.nflab.kernel;

/** A host command (ip, sysctl, a program inside a namespace) could not be run or failed. */
public final class KernelCommandException extends RuntimeException {

    public KernelCommandException(String message) {
        super(message);
    }

    public KernelCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
