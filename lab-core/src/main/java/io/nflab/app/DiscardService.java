package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.UdpHandler;

/** RFC 863 discard: reads and throws away (TCP closes when the client closes; UDP never answers). */
public final class DiscardService {
    private DiscardService() {
    }

    public static Service tcp(SocketTable table, Ipv4Address address, int port) {
        return new ListeningService(table.listen(address, port, "discard", (connection, now) -> new TcpHandler() {
            @Override
            public void peerClosed(TcpConnection c, long at) {
                c.close(at);
            }
        }));
    }

    public static Service udp(SocketTable table, Ipv4Address address, int port) {
        return new DatagramService(table.bindUdp(address, port, "discard", new UdpHandler() { }));
    }
}
