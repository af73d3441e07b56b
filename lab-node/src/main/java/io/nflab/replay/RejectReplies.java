package io.nflab.replay;

import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpSegment;
import io.nflab.scenario.RejectWith;
import java.util.Optional;

/** Which {@code --reject-with} answer a REJECT's reply packet is, by its ICMP type and code or its RST. */
final class RejectReplies {

    private RejectReplies() {
    }

    /** The answer {@code reply} is; empty for a packet no REJECT sends. */
    static Optional<RejectWith> kindOf(Ipv4Packet reply) {
        if (reply.transport() instanceof TcpSegment tcp) {
            return tcp.flags().has(TcpFlag.RST) ? Optional.of(RejectWith.TCP_RESET) : Optional.empty();
        }
        if (reply.transport() instanceof IcmpMessage icmp && icmp.type().equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return switch (icmp.code()) {
                case IcmpCode.NETWORK_UNREACHABLE -> Optional.of(RejectWith.ICMP_NET_UNREACHABLE);
                case IcmpCode.HOST_UNREACHABLE -> Optional.of(RejectWith.ICMP_HOST_UNREACHABLE);
                case IcmpCode.PROTOCOL_UNREACHABLE -> Optional.of(RejectWith.ICMP_PROTO_UNREACHABLE);
                case IcmpCode.PORT_UNREACHABLE -> Optional.of(RejectWith.ICMP_PORT_UNREACHABLE);
                case IcmpCode.NETWORK_PROHIBITED -> Optional.of(RejectWith.ICMP_NET_PROHIBITED);
                case IcmpCode.HOST_PROHIBITED -> Optional.of(RejectWith.ICMP_HOST_PROHIBITED);
                case IcmpCode.COMMUNICATION_PROHIBITED -> Optional.of(RejectWith.ICMP_ADMIN_PROHIBITED);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
