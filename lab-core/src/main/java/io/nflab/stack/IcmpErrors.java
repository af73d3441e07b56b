package io.nflab.stack;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.eval.RejectReplies;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import java.util.Optional;

/** The ICMP errors the stack itself sends ({@code icmp_send}): unreachable codes and time exceeded. */
final class IcmpErrors {
    private static final int PRECEDENCE_INTERNETCONTROL = 0xc0;
    private static final int TOS_MASK = 0x1e;

    private IcmpErrors() {
    }

    static Optional<Ipv4Packet> build(Ipv4Packet original, IcmpType type, int code, Ipv4Address source, int ttl) {
        if (type.equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return RejectReplies.unreachable(original, code, new RejectReplies.ReplyHeader(source, ttl, 0));
        }
        // time exceeded follows the same rules as unreachable: never about an ICMP error, a fragment or a group
        // address (RejectReplies decides that for the unreachable twin of this error).
        if (RejectReplies.unreachable(original, code, new RejectReplies.ReplyHeader(source, ttl, 0)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Ipv4Packet.builder().source(source).destination(original.source()).ttl(ttl)
                .tos(original.tos() & TOS_MASK | PRECEDENCE_INTERNETCONTROL)
                .transport(IcmpError.of(type, code, original)).build());
    }
}
