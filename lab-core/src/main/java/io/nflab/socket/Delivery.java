package io.nflab.socket;

/**
 * Where {@link SocketTable#deliver} put a packet: into a socket, or nowhere, in which case the stack
 * answers as the kernel does (a TCP RST for a segment without RST, see {@link TcpReset}; an ICMP
 * port-unreachable for UDP; nothing for ICMP). A socket keeps one instance, so delivering allocates
 * nothing.
 */
public final class Delivery {
    /** No socket wanted the packet. */
    public static final Delivery NO_SOCKET = new Delivery(null);

    private final SocketId socket;

    Delivery(SocketId socket) {
        this.socket = socket;
    }

    /** Whether a socket took the packet. */
    public boolean matched() {
        return socket != null;
    }

    /** The socket that took the packet; throws IllegalStateException for {@link #NO_SOCKET}. */
    public SocketId socket() {
        if (socket == null) {
            throw new IllegalStateException("no socket took the packet");
        }
        return socket;
    }

    @Override
    public String toString() {
        return socket == null ? "no socket" : "socket " + socket;
    }
}
