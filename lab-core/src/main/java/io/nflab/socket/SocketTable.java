package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.QuotedDatagram;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.Transport;
import io.nflab.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The sockets of one network namespace. The net stack hands it every packet delivered locally (after
 * INPUT) with {@link #deliver}, and sends, as locally generated packets, what {@link #poll} returns;
 * applications open sockets with {@link #listen}, {@link #connect}, {@link #bindUdp}, {@link #openUdp}
 * and {@link #openPing}, and react through their handlers, called synchronously from {@code deliver}
 * and {@code poll}. Time is the lab clock in nanoseconds; {@link #poll} fires the timers due by then
 * (retransmissions, TIME_WAIT, the applications' own) at their deadlines.
 *
 * <p>Not thread-safe: one actor owns a table, as it owns the rest of the namespace.
 */
public final class SocketTable {
    private static final long PURPOSE_ISN = 1;
    private static final long PURPOSE_TIMESTAMP = 2;
    private static final long PURPOSE_IP_ID = 4;

    /** A TCP connection's addresses and ports, as seen from this namespace. */
    record TcpKey(int localAddress, int localPort, int remoteAddress, int remotePort) {
    }

    private SocketSettings settings;
    private final RouteLookup routes;
    private final SplittableRandom random;
    private final PortAllocator ports;
    private final Timers timers = new Timers();
    private final List<Ipv4Packet> outbox = new ArrayList<>();
    /** The last {@link #poll} answer with nothing to send, reused while the next deadline stays the same. */
    private Transmission idle;
    private final Map<TcpKey, TcpConnection> connections = new LinkedHashMap<>();
    private final Map<Integer, List<TcpListener>> listeners = new HashMap<>();
    private final Map<Integer, List<UdpSocket>> udpSockets = new HashMap<>();
    private final Map<Integer, PingSocket> pingSockets = new HashMap<>();

    public SocketTable(SocketSettings settings, RouteLookup routes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.random = new SplittableRandom(settings.seed());
        this.ports = new PortAllocator(settings, random);
    }

    public SocketSettings settings() {
        return settings;
    }

    /**
     * New settings (the node's sysctls changed): sockets and connections opened from now on use them; open ones
     * keep what they started with. The seed cannot change.
     */
    public void setSettings(SocketSettings newSettings) {
        if (newSettings.seed() != settings.seed()) {
            throw new IllegalArgumentException("the seed of a socket table cannot change");
        }
        settings = newSettings;
        ports.setSettings(newSettings);
    }

    /** The routing answer for a destination (what {@code connect} would use). */
    public Route route(Ipv4Address destination) {
        return routes.route(destination);
    }

    // ---------------------------------------------------------------- opening sockets

    /**
     * {@code bind} + {@code listen}: a TCP listener on {@code address} ({@link Ipv4Address#ANY} for all
     * local addresses) and {@code port} (0 for an ephemeral one).
     *
     * @throws SocketException EADDRINUSE when another listener has the port
     */
    public TcpListener listen(Ipv4Address address, int port, String owner, TcpAcceptor acceptor) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(acceptor, "acceptor");
        int chosen = port == 0 ? ports.bindPort(this::tcpPortFree) : checkedPort(port);
        for (TcpListener other : listeners.getOrDefault(chosen, List.of())) {
            if (other.address().isAny() || address.isAny() || other.address().equals(address)) {
                throw new SocketException("bind " + address + ":" + chosen, Errno.EADDRINUSE);
            }
        }
        TcpListener listener = new TcpListener(this, address, chosen, owner, acceptor);
        listeners.computeIfAbsent(chosen, p -> new ArrayList<>(1)).add(listener);
        return listener;
    }

    /**
     * {@code connect()} to {@code destination:port}: the source address from routing, an ephemeral
     * source port, and a SYN (sent by the next {@link #poll}).
     *
     * @throws SocketException with the routing error when there is no route (ENETUNREACH, …)
     */
    public TcpConnection connect(Ipv4Address destination, int port, String owner, TcpHandler handler, long now) {
        Ipv4Address source = sourceFor(destination, "connect");
        int sourcePort = ports.connectPort(source.bits(), destination.bits(), checkedPort(port),
                candidate -> !connections.containsKey(new TcpKey(source.bits(), candidate, destination.bits(), port))
                        && !listeners.containsKey(candidate));
        return open(new TcpKey(source.bits(), sourcePort, destination.bits(), port), owner, handler, now);
    }

    /**
     * {@code bind(source:sourcePort)} + {@code connect()}: a connection from a given port (an FTP server's
     * active data connection comes from port 20).
     *
     * @throws SocketException EADDRINUSE when that connection exists, or the routing error
     */
    public TcpConnection connect(Ipv4Address source, int sourcePort, Ipv4Address destination, int port, String owner,
                                 TcpHandler handler, long now) {
        Ipv4Address from = source.isAny() ? sourceFor(destination, "connect") : source;
        TcpKey key = new TcpKey(from.bits(), checkedPort(sourcePort), destination.bits(), checkedPort(port));
        if (connections.containsKey(key)) {
            throw new SocketException("connect " + destination + ":" + port, Errno.EADDRINUSE);
        }
        return open(key, owner, handler, now);
    }

    /**
     * A UDP socket bound to {@code address} ({@link Ipv4Address#ANY} for all) and {@code port} (0 for an
     * ephemeral one).
     *
     * @throws SocketException EADDRINUSE when another socket has the address and port
     */
    public UdpSocket bindUdp(Ipv4Address address, int port, String owner, UdpHandler handler) {
        Objects.requireNonNull(address, "address");
        UdpSocket socket = new UdpSocket(this, address, 0, owner, handler);
        if (port == 0) {
            autobind(socket);
            return socket;
        }
        for (UdpSocket other : udpSockets.getOrDefault(checkedPort(port), List.of())) {
            if (other.localAddress().isAny() || address.isAny() || other.localAddress().equals(address)) {
                throw new SocketException("bind " + address + ":" + port, Errno.EADDRINUSE);
            }
        }
        return bound(socket, address, port);
    }

    /** A UDP socket bound on its first send or {@code connect}. */
    public UdpSocket openUdp(String owner, UdpHandler handler) {
        return new UdpSocket(this, Ipv4Address.ANY, 0, owner, handler);
    }

    /** An ICMP echo socket with an identifier of its own (random, as iputils ping's raw socket picks one). */
    public PingSocket openPing(String owner, PingHandler handler) {
        int identifier;
        do {
            identifier = random.nextInt(65536);
        } while (pingSockets.containsKey(identifier));
        PingSocket socket = new PingSocket(this, identifier, owner, handler);
        pingSockets.put(identifier, socket);
        return socket;
    }

    /** Runs {@code action} when the lab clock reaches {@code deadline} (from {@link #poll}). */
    public Timer schedule(long deadline, TimerAction action) {
        return timers.schedule(deadline, Objects.requireNonNull(action, "action"));
    }

    // ---------------------------------------------------------------- the stack's side

    /**
     * Hands a locally delivered packet to the socket it belongs to. TCP segments go to their connection,
     * else to a listener; UDP datagrams to the best-matching socket (connected, then bound to the address,
     * then to any); echo replies to the ping socket with their identifier; ICMP errors to the socket that
     * sent the datagram they quote. {@link Delivery#NO_SOCKET} tells the stack to answer as the kernel
     * does when no socket matches.
     */
    public Delivery deliver(Ipv4Packet packet, long now) {
        Transport transport = packet.transport();
        if (transport instanceof TcpSegment tcp) {
            return deliverTcp(packet, tcp, now);
        }
        if (transport instanceof UdpDatagram udp) {
            UdpSocket socket = udpSocket(packet.destination(), udp.destinationPort(), packet.source(), udp.sourcePort());
            if (socket == null) {
                return Delivery.NO_SOCKET;
            }
            socket.receive(packet, udp, now);
            return socket.delivery();
        }
        if (transport instanceof IcmpQuery query && query.type().equals(IcmpType.ECHO_REPLY)) {
            PingSocket socket = pingSockets.get(query.identifier());
            if (socket == null) {
                return Delivery.NO_SOCKET;
            }
            socket.reply(packet, query, now);
            return socket.delivery();
        }
        if (transport instanceof IcmpError error) {
            return deliverIcmpError(packet, error, now);
        }
        return Delivery.NO_SOCKET;
    }

    /** The socket {@link #deliver} would hand {@code packet} to, without delivering it. */
    public Optional<SocketId> lookup(Ipv4Packet packet) {
        Transport transport = packet.transport();
        if (transport instanceof TcpSegment tcp) {
            TcpConnection connection = connections.get(new TcpKey(packet.destination().bits(), tcp.destinationPort(),
                    packet.source().bits(), tcp.sourcePort()));
            if (connection != null) {
                return Optional.of(connection.id());
            }
            TcpListener listener = listener(packet.destination(), tcp.destinationPort());
            return listener == null ? Optional.empty() : Optional.of(listener.id());
        }
        if (transport instanceof UdpDatagram udp) {
            UdpSocket socket = udpSocket(packet.destination(), udp.destinationPort(), packet.source(), udp.sourcePort());
            return socket == null ? Optional.empty() : Optional.of(socket.id());
        }
        if (transport instanceof IcmpQuery query && query.type().equals(IcmpType.ECHO_REPLY)) {
            PingSocket socket = pingSockets.get(query.identifier());
            return socket == null ? Optional.empty() : Optional.of(socket.id());
        }
        if (transport instanceof IcmpError error) {
            return Optional.ofNullable(errorTarget(error)).map(Endpoint::id);
        }
        return Optional.empty();
    }

    /** Fires the timers due by {@code now} and hands over what the sockets have sent since the last poll. */
    public Transmission poll(long now) {
        timers.fireUntil(now);
        long deadline = timers.nextDeadline();
        if (outbox.isEmpty()) {
            if (idle == null || idle.nextDeadline() != deadline) {
                idle = new Transmission(List.of(), deadline);
            }
            return idle;
        }
        Transmission transmission = new Transmission(outbox, deadline);
        outbox.clear();
        return transmission;
    }

    /** Every socket, listeners first, then connections, UDP and ICMP sockets, for listings ({@code ss}). */
    public List<SocketId> sockets() {
        List<SocketId> all = new ArrayList<>();
        listeners.values().forEach(list -> list.forEach(l -> all.add(l.id())));
        connections.values().forEach(c -> all.add(c.id()));
        udpSockets.values().forEach(list -> list.forEach(s -> all.add(s.id())));
        pingSockets.values().forEach(s -> all.add(s.id()));
        return all;
    }

    /** The TCP connections, in the order they were opened. */
    public List<TcpConnection> connections() {
        return List.copyOf(connections.values());
    }

    // ---------------------------------------------------------------- for the sockets

    void emit(Ipv4Packet packet) {
        outbox.add(packet);
    }

    Ipv4Packet packet(Ipv4Address source, Ipv4Address destination, int ttl, boolean dontFragment, int identification,
                      Transport transport) {
        return Ipv4Packet.builder().source(source).destination(destination).ttl(ttl).dontFragment(dontFragment)
                .identification(identification).transport(transport).build();
    }

    /** Linux's {@code secure_tcp_seq}: a keyed hash of the addresses and ports plus the clock in 64 ns ticks. */
    long initialSequence(TcpKey key, long now) {
        long hash = SeededHash.hash(settings.seed(), PURPOSE_ISN,
                SeededHash.tuple(key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort()), 0);
        return (hash + (now >>> 6)) & 0xffff_ffffL;
    }

    /** Linux's {@code secure_tcp_ts_off}: a keyed hash of the two addresses, added to the millisecond clock. */
    long timestampOffset(int localAddress, int remoteAddress) {
        return SeededHash.hash(settings.seed(), PURPOSE_TIMESTAMP, localAddress, remoteAddress) & 0xffff_ffffL;
    }

    int initialIpIdentifier(TcpKey key) {
        return (int) (SeededHash.hash(settings.seed(), PURPOSE_IP_ID,
                SeededHash.tuple(key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort()), 0) & 0xffff);
    }

    int nextRandomIdentifier() {
        return random.nextInt(65536);
    }

    int autobind(UdpSocket socket) {
        int port = ports.udpPort(candidate -> !udpSockets.containsKey(candidate));
        bound(socket, socket.localAddress(), port);
        return port;
    }

    void forget(TcpConnection connection) {
        connections.remove(connection.key(), connection);
    }

    void forget(TcpListener listener) {
        List<TcpListener> list = listeners.get(listener.port());
        if (list != null && list.remove(listener) && list.isEmpty()) {
            listeners.remove(listener.port());
        }
    }

    void forget(UdpSocket socket) {
        List<UdpSocket> list = udpSockets.get(socket.localPort());
        if (list != null && list.remove(socket) && list.isEmpty()) {
            udpSockets.remove(socket.localPort());
        }
    }

    void forget(PingSocket socket) {
        pingSockets.remove(socket.identifier(), socket);
    }

    // ---------------------------------------------------------------- internals

    private TcpConnection open(TcpKey key, String owner, TcpHandler handler, long now) {
        TcpConnection connection = new TcpConnection(this, key, true, null, Objects.requireNonNull(handler, "handler"), owner);
        connections.put(key, connection);
        connection.connect(now);
        return connection;
    }

    private Delivery deliverTcp(Ipv4Packet packet, TcpSegment tcp, long now) {
        TcpKey key = new TcpKey(packet.destination().bits(), tcp.destinationPort(), packet.source().bits(), tcp.sourcePort());
        TcpConnection connection = connections.get(key);
        TcpFlags flags = tcp.flags();
        boolean bareSyn = flags.has(TcpFlag.SYN) && !flags.has(TcpFlag.ACK) && !flags.has(TcpFlag.RST);
        if (connection != null) {
            if (!(bareSyn && connection.acceptsNewSyn(tcp))) {
                connection.receive(tcp, now);
                return connection.delivery();
            }
            connections.remove(key);
        }
        TcpListener listener = listener(packet.destination(), tcp.destinationPort());
        if (listener == null) {
            return Delivery.NO_SOCKET;
        }
        if (bareSyn) {
            TcpConnection child = new TcpConnection(this, key, false, listener, null, listener.owner());
            connections.put(key, child);
            child.acceptSyn(tcp, now);
        } else if (!flags.has(TcpFlag.RST) && flags.has(TcpFlag.ACK)) {
            TcpReset.replyTo(packet, settings.defaultTtl()).ifPresent(this::emit);
        }
        return listener.delivery();
    }

    private Delivery deliverIcmpError(Ipv4Packet packet, IcmpError error, long now) {
        Endpoint target = errorTarget(error);
        if (target == null) {
            return Delivery.NO_SOCKET;
        }
        target.icmpError(packet, error, now);
        return target.delivery();
    }

    /** The socket that sent the datagram an ICMP error quotes, or null. */
    private Endpoint errorTarget(IcmpError error) {
        QuotedDatagram quote = error.quote();
        Ipv4Address local = quote.header().source();
        Ipv4Address remote = quote.header().destination();
        IpProtocol protocol = quote.header().protocol();
        if (protocol.equals(IpProtocol.TCP) && quote.hasPorts() && quote.data().length() >= 8) {
            return connections.get(new TcpKey(local.bits(), quote.sourcePort(), remote.bits(), quote.destinationPort()));
        }
        if (protocol.equals(IpProtocol.UDP) && quote.hasPorts()) {
            return udpSocket(local, quote.sourcePort(), remote, quote.destinationPort());
        }
        if (protocol.equals(IpProtocol.ICMP) && quote.header().fragmentOffset() == 0 && quote.data().length() >= 8
                && quote.data().get(0) == IcmpType.ECHO_REQUEST.number()) {
            return pingSockets.get(quote.data().getUnsignedShort(4));
        }
        return null;
    }

    private TcpListener listener(Ipv4Address address, int port) {
        List<TcpListener> list = listeners.get(port);
        if (list == null) {
            return null;
        }
        TcpListener any = null;
        for (TcpListener listener : list) {
            if (listener.address().equals(address)) {
                return listener;
            }
            if (listener.address().isAny()) {
                any = listener;
            }
        }
        return any;
    }

    private UdpSocket udpSocket(Ipv4Address local, int port, Ipv4Address remote, int remotePort) {
        List<UdpSocket> list = udpSockets.get(port);
        if (list == null) {
            return null;
        }
        UdpSocket best = null;
        int bestScore = -1;
        for (UdpSocket socket : list) {
            int score = socket.score(local, remote, remotePort);
            if (score > bestScore) {
                best = socket;
                bestScore = score;
            }
        }
        return best;
    }

    private UdpSocket bound(UdpSocket socket, Ipv4Address address, int port) {
        socket.bindTo(address, port);
        udpSockets.computeIfAbsent(port, p -> new ArrayList<>(1)).add(socket);
        return socket;
    }

    private boolean tcpPortFree(int port) {
        if (listeners.containsKey(port)) {
            return false;
        }
        for (TcpKey key : connections.keySet()) {
            if (key.localPort() == port) {
                return false;
            }
        }
        return true;
    }

    private Ipv4Address sourceFor(Ipv4Address destination, String call) {
        Route route = routes.route(Objects.requireNonNull(destination, "destination"));
        if (route instanceof Route.Unreachable unreachable) {
            throw new SocketException(call, unreachable.errno());
        }
        return ((Route.Reachable) route).source();
    }

    private static int checkedPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535: " + port);
        }
        return port;
    }

    @Override
    public String toString() {
        return "sockets " + sockets();
    }
}
