package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpError;
import io.nflab.packet.Ipv4Packet;
import java.util.Objects;

/**
 * An ICMP error a socket received about a packet it sent, as Linux queues it with {@code IP_RECVERR}
 * ({@code struct sock_extended_err}): the errno, who sent the error (the offender), its type and code,
 * and the whole ICMP packet (its TTL, for instance).
 */
public record SocketError(Errno errno, Ipv4Address offender, IcmpError icmp, Ipv4Packet packet, long receivedAt) {

    public SocketError {
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(offender, "offender");
        Objects.requireNonNull(icmp, "icmp");
        Objects.requireNonNull(packet, "packet");
    }

    public int type() {
        return icmp.type().number();
    }

    public int code() {
        return icmp.code();
    }
}
