package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.Payload;
import java.util.Objects;

/**
 * The ICMP socket of a ping program (a raw socket filtered on its echo identifier, with
 * {@code IP_RECVERR}): it sends echo requests and receives the replies and ICMP errors that carry its
 * identifier. Requests go out with DF set, like iputils ping's.
 */
public final class PingSocket implements Endpoint {
    private final SocketTable table;
    private final int identifier;
    private final PingHandler handler;
    private final SocketId id;
    private final Delivery delivery;
    private int ttl;
    private int ipIdentifier;
    private boolean closed;

    PingSocket(SocketTable table, int identifier, String owner, PingHandler handler) {
        this.table = table;
        this.identifier = identifier;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.id = new SocketId(IpProtocol.ICMP, Ipv4Address.ANY, identifier, Ipv4Address.ANY, 0, owner);
        this.delivery = new Delivery(id);
        this.ttl = table.settings().defaultTtl();
        this.ipIdentifier = table.nextRandomIdentifier();
    }

    @Override
    public SocketId id() {
        return id;
    }

    /** The echo identifier of this socket's requests. */
    public int identifier() {
        return identifier;
    }

    /** {@code IP_TTL} ({@code ping -t}). */
    public void setTtl(int newTtl) {
        if (newTtl < 1 || newTtl > 255) {
            throw new IllegalArgumentException("TTL out of range 1-255: " + newTtl);
        }
        ttl = newTtl;
    }

    /**
     * Sends an echo request.
     *
     * @throws SocketException ENETUNREACH (or another routing error) when there is no route
     */
    public void send(Ipv4Address destination, int sequence, Payload payload, long now) {
        if (closed) {
            throw new IllegalStateException("socket " + id + " is closed");
        }
        Route route = table.route(destination);
        if (route instanceof Route.Unreachable unreachable) {
            throw new SocketException("sendmsg", unreachable.errno());
        }
        Ipv4Address source = ((Route.Reachable) route).source();
        int identification = ipIdentifier;
        ipIdentifier = (ipIdentifier + 1) & 0xffff;
        table.emit(table.packet(source, destination, ttl, true, identification,
                IcmpQuery.echoRequest(identifier, sequence, payload)));
    }

    public void close() {
        if (!closed) {
            closed = true;
            table.forget(this);
        }
    }

    @Override
    public Delivery delivery() {
        return delivery;
    }

    void reply(Ipv4Packet packet, IcmpQuery reply, long now) {
        handler.reply(this, packet, reply, now);
    }

    @Override
    public void icmpError(Ipv4Packet packet, IcmpError icmp, long now) {
        Errno errno = IcmpErrors.errno(icmp);
        if (errno != null) {
            handler.error(this, new SocketError(errno, packet.source(), icmp, packet, now), now);
        }
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
