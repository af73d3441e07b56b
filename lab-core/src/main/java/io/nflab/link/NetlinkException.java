package io.nflab.link;

import java.util.Objects;
import java.util.Optional;

/**
 * The emulated kernel refused a configuration request (an address, a route, a link change), with an
 * error number and, where the kernel gives one, its extended-ack message. {@link #ipMessage()} is what
 * {@code ip} prints for it.
 */
public final class NetlinkException extends RuntimeException {
    private final Errno errno;
    private final Optional<String> extack;

    public NetlinkException(Errno errno) {
        this(errno, Optional.empty());
    }

    public NetlinkException(Errno errno, String extack) {
        this(errno, Optional.of(extack));
    }

    private NetlinkException(Errno errno, Optional<String> extack) {
        super(extack.orElse(errno.text()), null, false, false);
        this.errno = Objects.requireNonNull(errno, "errno");
        this.extack = extack;
    }

    public Errno errno() {
        return errno;
    }

    /** The kernel's extended-ack message, if it gives one. */
    public Optional<String> extack() {
        return extack;
    }

    /**
     * What iproute2 prints: {@code Error: <extack>.} when the kernel gave a message, else
     * {@code RTNETLINK answers: <strerror>}.
     */
    public String ipMessage() {
        return extack.map(m -> "Error: " + m + ".").orElse("RTNETLINK answers: " + errno.text());
    }
}
