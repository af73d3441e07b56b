package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.UdpDatagram;
import io.nflab.socket.SocketTable;
import io.nflab.socket.TcpConnection;
import io.nflab.socket.TcpHandler;
import io.nflab.socket.TcpListener;
import io.nflab.socket.UdpHandler;
import io.nflab.socket.UdpSocket;

/** RFC 862 echo: TCP sends back what it receives and closes when the client closes; UDP answers each datagram with its copy. */
public final class EchoService {
    private EchoService() {
    }

    public static Service tcp(SocketTable table, Ipv4Address address, int port) {
        TcpListener listener = table.listen(address, port, "echo", (connection, now) -> new TcpHandler() {
            @Override
            public void received(TcpConnection c, Bytes data, long at) {
                c.send(data, at);
            }

            @Override
            public void peerClosed(TcpConnection c, long at) {
                c.close(at);
            }
        });
        return new ListeningService(listener);
    }

    public static Service udp(SocketTable table, Ipv4Address address, int port) {
        UdpSocket socket = table.bindUdp(address, port, "echo", new UdpHandler() {
            @Override
            public void received(UdpSocket s, Ipv4Packet packet, UdpDatagram datagram, long now) {
                DatagramService.answer(s, packet.source(), datagram.sourcePort(), datagram.payload().bytes(), now);
            }
        });
        return new DatagramService(socket);
    }
}
