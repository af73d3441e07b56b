package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.socket.SocketTable;
import io.nflab.topology.ServiceSpec;
import io.nflab.topology.TransportProtocol;

/** Starts the service a topology names ({@code services: [{proto: tcp, port: 8080, app: http}]}) on a host's sockets. */
public final class Services {
    private Services() {
    }

    /**
     * Listens on all the host's addresses at the service's port.
     *
     * @throws io.nflab.socket.SocketException EADDRINUSE when the port is taken
     */
    public static Service start(SocketTable table, ServiceSpec spec, ServiceContext context) {
        Ipv4Address any = Ipv4Address.ANY;
        boolean tcp = spec.proto() == TransportProtocol.TCP;
        return switch (spec.app()) {
            case ECHO -> tcp ? EchoService.tcp(table, any, spec.port()) : EchoService.udp(table, any, spec.port());
            case DISCARD -> tcp ? DiscardService.tcp(table, any, spec.port()) : DiscardService.udp(table, any, spec.port());
            case HTTP -> HttpService.listen(table, any, spec.port(), context.nodeName());
            case FTP -> FtpService.listen(table, any, spec.port(), context.nodeName(), context.files());
            case DNS -> tcp ? DnsService.tcp(table, any, spec.port(), context.records())
                    : DnsService.udp(table, any, spec.port(), context.records());
        };
    }
}
