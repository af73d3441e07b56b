package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.Payload;
import io.nflab.packet.UdpDatagram;
import java.util.Objects;

/**
 * A UDP socket: bound to an address (or any) and a port (chosen on first send when not bound), optionally
 * connected to one peer, whose datagrams alone it then receives. Sends with DF set (path MTU discovery,
 * Linux's default) unless told otherwise; ICMP errors are reported as {@link UdpHandler#error} describes.
 */
public final class UdpSocket implements Endpoint {
    private final SocketTable table;
    private final String owner;
    private final UdpHandler handler;
    private Ipv4Address localAddress;
    private int localPort;
    private Ipv4Address sourceAddress;
    private Ipv4Address remoteAddress = Ipv4Address.ANY;
    private int remotePort;
    private boolean receiveErrors;
    private boolean dontFragment = true;
    private int ttl;
    private int ipIdentifier;
    private boolean closed;
    private SocketId id;
    private Delivery delivery;

    UdpSocket(SocketTable table, Ipv4Address localAddress, int localPort, String owner, UdpHandler handler) {
        this.table = table;
        this.owner = owner;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.ttl = table.settings().defaultTtl();
        this.ipIdentifier = table.nextRandomIdentifier();
        identify();
    }

    @Override
    public SocketId id() {
        return id;
    }

    public Ipv4Address localAddress() {
        return localAddress;
    }

    /** The bound port, 0 until the socket is bound. */
    public int localPort() {
        return localPort;
    }

    public boolean isConnected() {
        return remotePort != 0;
    }

    public boolean isClosed() {
        return closed;
    }

    /** {@code IP_RECVERR}: report every ICMP error, not only hard errors on a connected socket. */
    public void setReceiveErrors(boolean on) {
        receiveErrors = on;
    }

    /** {@code IP_TTL}. */
    public void setTtl(int newTtl) {
        if (newTtl < 1 || newTtl > 255) {
            throw new IllegalArgumentException("TTL out of range 1-255: " + newTtl);
        }
        ttl = newTtl;
    }

    /** {@code IP_MTU_DISCOVER}: false is {@code IP_PMTUDISC_DONT} (no DF bit), as traceroute asks. */
    public void setDontFragment(boolean on) {
        dontFragment = on;
    }

    /**
     * {@code connect()}: only datagrams from {@code address:port} are received from now on, and the
     * source address is chosen by routing.
     *
     * @throws SocketException ENETUNREACH (or another routing error) when there is no route
     */
    public void connect(Ipv4Address address, int port) {
        ensureOpen();
        checkPort(port);
        sourceAddress = source(address, "connect");
        if (localPort == 0) {
            table.autobind(this);
        }
        remoteAddress = address;
        remotePort = port;
        identify();
    }

    /** {@code send()} on a connected socket. */
    public void send(Bytes data, long now) {
        if (!isConnected()) {
            throw new IllegalStateException("send on an unconnected UDP socket");
        }
        transmit(sourceAddress, remoteAddress, remotePort, data);
    }

    /**
     * {@code sendto()}.
     *
     * @throws SocketException ENETUNREACH (or another routing error) when there is no route
     */
    public void sendTo(Ipv4Address address, int port, Bytes data, long now) {
        ensureOpen();
        checkPort(port);
        Ipv4Address source = isConnected() && address.equals(remoteAddress) ? sourceAddress : source(address, "sendto");
        if (localPort == 0) {
            table.autobind(this);
            identify();
        }
        transmit(source, address, port, data);
    }

    public void close() {
        if (!closed) {
            closed = true;
            table.forget(this);
        }
    }

    @Override
    public String toString() {
        return id.toString();
    }

    // ---------------------------------------------------------------- table side

    @Override
    public Delivery delivery() {
        return delivery;
    }

    /** How well this socket matches a datagram to {@code local:…} from {@code remote:remotePort}; -1 for no match. */
    int score(Ipv4Address local, Ipv4Address remote, int fromPort) {
        if (closed || localPort == 0) {
            return -1;
        }
        int score = 0;
        if (!localAddress.isAny()) {
            if (!localAddress.equals(local)) {
                return -1;
            }
            score += 2;
        }
        if (isConnected()) {
            if (!remoteAddress.equals(remote) || remotePort != fromPort) {
                return -1;
            }
            score += 4;
        }
        return score;
    }

    void bindTo(Ipv4Address address, int port) {
        localAddress = address;
        localPort = port;
        identify();
    }

    void receive(Ipv4Packet packet, UdpDatagram datagram, long now) {
        handler.received(this, packet, datagram, now);
    }

    @Override
    public void icmpError(Ipv4Packet packet, IcmpError icmp, long now) {
        Errno errno = IcmpErrors.errno(icmp);
        if (errno == null) {
            return;
        }
        if (receiveErrors || (isConnected() && IcmpErrors.fatal(icmp))) {
            handler.error(this, new SocketError(errno, packet.source(), icmp, packet, now), now);
        }
    }

    private Ipv4Address source(Ipv4Address destination, String call) {
        if (!localAddress.isAny()) {
            return localAddress;
        }
        Route route = table.route(destination);
        if (route instanceof Route.Unreachable unreachable) {
            throw new SocketException(call, unreachable.errno());
        }
        return ((Route.Reachable) route).source();
    }

    private void transmit(Ipv4Address source, Ipv4Address destination, int port, Bytes data) {
        UdpDatagram datagram = UdpDatagram.of(localPort, port, data.isEmpty() ? Payload.EMPTY : Payload.of(data));
        int identification = ipIdentifier;
        ipIdentifier = (ipIdentifier + 1) & 0xffff;
        table.emit(table.packet(source, destination, ttl, dontFragment, identification, datagram));
    }

    private void identify() {
        id = new SocketId(IpProtocol.UDP, localAddress, localPort, remoteAddress, remotePort, owner);
        delivery = new Delivery(id);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("socket " + id + " is closed");
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
    }
}
