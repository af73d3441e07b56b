package io.nflab.scenario;

import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import java.util.Optional;

/** The answers of iptables' REJECT target ({@code --reject-with}), by the names iptables uses. */
public enum RejectWith {
    ICMP_NET_UNREACHABLE("icmp-net-unreachable"),
    ICMP_HOST_UNREACHABLE("icmp-host-unreachable"),
    ICMP_PORT_UNREACHABLE("icmp-port-unreachable"),
    ICMP_PROTO_UNREACHABLE("icmp-proto-unreachable"),
    ICMP_NET_PROHIBITED("icmp-net-prohibited"),
    ICMP_HOST_PROHIBITED("icmp-host-prohibited"),
    ICMP_ADMIN_PROHIBITED("icmp-admin-prohibited"),
    TCP_RESET("tcp-reset");

    private final String keyword;

    RejectWith(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The answer a REJECT's {@code reply} is, by its ICMP type and code or its RST; empty for a packet no REJECT sends. */
    public static Optional<RejectWith> answeredBy(Ipv4Packet reply) {
        if (reply.transport() instanceof TcpSegment tcp) {
            return tcp.flags().has(TcpFlag.RST) ? Optional.of(TCP_RESET) : Optional.empty();
        }
        if (reply.transport() instanceof IcmpMessage icmp && icmp.type().equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return switch (icmp.code()) {
                case IcmpCode.NETWORK_UNREACHABLE -> Optional.of(ICMP_NET_UNREACHABLE);
                case IcmpCode.HOST_UNREACHABLE -> Optional.of(ICMP_HOST_UNREACHABLE);
                case IcmpCode.PROTOCOL_UNREACHABLE -> Optional.of(ICMP_PROTO_UNREACHABLE);
                case IcmpCode.PORT_UNREACHABLE -> Optional.of(ICMP_PORT_UNREACHABLE);
                case IcmpCode.NETWORK_PROHIBITED -> Optional.of(ICMP_NET_PROHIBITED);
                case IcmpCode.HOST_PROHIBITED -> Optional.of(ICMP_HOST_PROHIBITED);
                case IcmpCode.COMMUNICATION_PROHIBITED -> Optional.of(ICMP_ADMIN_PROHIBITED);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
