package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IpProtocol;

/**
 * A listening TCP socket: SYNs to its address (or any local address) and port open connections in
 * SYN_RECV, answered with a SYN-ACK; once the handshake completes, the {@link TcpAcceptor} gives each
 * its handler. A segment other than a SYN gets a RST, as from Linux's listener.
 */
public final class TcpListener {
    private final SocketTable table;
    private final Ipv4Address address;
    private final int port;
    private final TcpAcceptor acceptor;
    private final SocketId id;
    private final Delivery delivery;
    private boolean closed;

    TcpListener(SocketTable table, Ipv4Address address, int port, String owner, TcpAcceptor acceptor) {
        this.table = table;
        this.address = address;
        this.port = port;
        this.acceptor = acceptor;
        this.id = new SocketId(IpProtocol.TCP, address, port, Ipv4Address.ANY, 0, owner);
        this.delivery = new Delivery(id);
    }

    public SocketId id() {
        return id;
    }

    public Ipv4Address address() {
        return address;
    }

    public int port() {
        return port;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops listening; connections already accepted go on. */
    public void close() {
        if (!closed) {
            closed = true;
            table.forget(this);
        }
    }

    Delivery delivery() {
        return delivery;
    }

    String owner() {
        return id.owner();
    }

    TcpHandler accept(TcpConnection connection, long now) {
        return acceptor.accept(connection, now);
    }

    @Override
    public String toString() {
        return id + " LISTEN";
    }
}
