package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IpProtocol;
import java.util.Objects;

/**
 * Names a socket for traces and reports: protocol, local and remote endpoint (the remote is
 * {@code 0.0.0.0:0} for listeners and unconnected sockets; an ICMP echo socket's port is its
 * identifier) and the application that owns it.
 */
public record SocketId(IpProtocol protocol, Ipv4Address localAddress, int localPort,
                       Ipv4Address remoteAddress, int remotePort, String owner) {

    public SocketId {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(owner, "owner");
    }

    /** {@code tcp 10.0.0.1:40000 10.0.1.2:80 connect}, with {@code *} for an unspecified address or port, like {@code ss}. */
    @Override
    public String toString() {
        return protocol + " " + endpoint(localAddress, localPort) + " " + endpoint(remoteAddress, remotePort)
                + (owner.isEmpty() ? "" : " " + owner);
    }

    private static String endpoint(Ipv4Address address, int port) {
        return (address.isAny() ? "*" : address.toString()) + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
