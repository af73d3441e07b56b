package io.nflab.netfilter.eval;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpMessage;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.RawTransport;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import io.nflab.netfilter.target.RejectTarget.RejectWith;
import java.util.Objects;
import java.util.Optional;

/**
 * The packet the kernel sends back for a packet the REJECT target rejected: a TCP RST as
 * net/ipv4/netfilter/nf_reject_ipv4.c builds it ({@code nf_send_reset}), or an ICMP destination
 * unreachable as {@code nf_send_unreach} has {@code icmp_send} build it. Empty when the kernel sends
 * nothing: no RST for a non-TCP packet, a later fragment or a RST; no ICMP error about a later fragment,
 * about an ICMP error, or to a multicast or limited-broadcast destination.
 *
 * <p>Routing decides what this class cannot see, and the caller provides it in the {@link ReplyHeader}:
 * the ICMP error's source address ({@code icmp_send} uses the rejected packet's destination when it is
 * local, otherwise the address routing picks towards the sender), the TTL (the route's hop limit, by
 * default {@code net.ipv4.ip_default_ttl} = 64) and the ICMP error's IP identification. The caller must
 * also send nothing for packets that arrived as link-layer broadcast or multicast or to a subnet broadcast
 * address, and apply {@code icmp_ratelimit}.
 */
public final class RejectReplies {
    /** The kernel's default TTL for the packets it originates ({@code net.ipv4.ip_default_ttl}). */
    public static final int DEFAULT_TTL = 64;
    /** {@code IPTOS_PREC_INTERNETCONTROL}: the precedence of ICMP errors. */
    private static final int PRECEDENCE_INTERNETCONTROL = 0xc0;
    /** {@code IPTOS_TOS_MASK}: the TOS bits an ICMP error keeps from the packet it answers. */
    private static final int TOS_MASK = 0x1e;
    private static final long U32 = 0xffff_ffffL;

    private RejectReplies() {
    }

    /** Addressing the caller decides: the ICMP error's source address, the TTL, the ICMP error's IP id. */
    public record ReplyHeader(Ipv4Address icmpSource, int ttl, int icmpIdentification) {
        public ReplyHeader {
            Objects.requireNonNull(icmpSource, "icmpSource");
            if (ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("TTL " + ttl + " out of range 0-255");
            }
            if (icmpIdentification < 0 || icmpIdentification > 0xffff) {
                throw new IllegalArgumentException("identification " + icmpIdentification + " out of range 0-65535");
            }
        }

        /** A reply from the host the packet was addressed to, TTL 64, identification 0. */
        public static ReplyHeader fromDestinationOf(Ipv4Packet original) {
            return new ReplyHeader(original.destination(), DEFAULT_TTL, 0);
        }
    }

    /** What the kernel sends back when {@code original} is rejected {@code with} this reply type. */
    public static Optional<Ipv4Packet> build(Ipv4Packet original, RejectWith with, ReplyHeader header) {
        return switch (with) {
            case TCP_RESET -> tcpReset(original, header.ttl());
            case ICMP_NET_UNREACHABLE -> unreachable(original, IcmpCode.NETWORK_UNREACHABLE, header);
            case ICMP_HOST_UNREACHABLE -> unreachable(original, IcmpCode.HOST_UNREACHABLE, header);
            case ICMP_PROT_UNREACHABLE -> unreachable(original, IcmpCode.PROTOCOL_UNREACHABLE, header);
            case ICMP_PORT_UNREACHABLE -> unreachable(original, IcmpCode.PORT_UNREACHABLE, header);
            case ICMP_NET_PROHIBITED -> unreachable(original, IcmpCode.NETWORK_PROHIBITED, header);
            case ICMP_HOST_PROHIBITED -> unreachable(original, IcmpCode.HOST_PROHIBITED, header);
            case ICMP_ADMIN_PROHIBITED -> unreachable(original, IcmpCode.COMMUNICATION_PROHIBITED, header);
            case ICMP_ECHOREPLY -> throw new IllegalArgumentException("the kernel does not reject with echo-reply");
        };
    }

    /**
     * {@code nf_send_reset}: ports swapped, no options, window 0, IP id 0 with DF set and TOS 0. Answering
     * a segment with ACK, the RST carries its acknowledgment number as sequence number; otherwise it is a
     * RST/ACK acknowledging the segment's sequence number plus SYN, FIN and the data length.
     */
    public static Optional<Ipv4Packet> tcpReset(Ipv4Packet original, int ttl) {
        if (original.header().fragmentOffset() != 0 || !(original.transport() instanceof TcpSegment tcp) || tcp.flags().has(TcpFlag.RST)
                || isGroupAddress(original.destination())) {
            return Optional.empty();
        }
        TcpSegment.Builder reset = TcpSegment.builder().sourcePort(tcp.destinationPort())
                .destinationPort(tcp.sourcePort()).window(0);
        if (tcp.flags().has(TcpFlag.ACK)) {
            reset.sequence(tcp.acknowledgment()).flags(TcpFlags.RST);
        } else {
            long acknowledged = tcp.sequence() + (tcp.flags().has(TcpFlag.SYN) ? 1 : 0)
                    + (tcp.flags().has(TcpFlag.FIN) ? 1 : 0) + tcp.payload().length();
            reset.acknowledgment(acknowledged & U32).flags(TcpFlags.RST_ACK);
        }
        return Optional.of(Ipv4Packet.builder().source(original.destination()).destination(original.source())
                .ttl(ttl).tos(0).identification(0).dontFragment(true).transport(reset.build()).build());
    }

    /**
     * {@code icmp_send(skb, ICMP_DEST_UNREACH, code, 0)}: TOS keeps the packet's TOS bits under
     * internetwork-control precedence, no DF, and quotes the packet (up to 576 bytes in all).
     */
    public static Optional<Ipv4Packet> unreachable(Ipv4Packet original, int code, ReplyHeader header) {
        if (original.header().fragmentOffset() != 0 || isGroupAddress(original.destination())
                || answersAnIcmpError(original)) {
            return Optional.empty();
        }
        IcmpError error = IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, code, original);
        return Optional.of(Ipv4Packet.builder().source(header.icmpSource()).destination(original.source())
                .ttl(header.ttl()).tos(original.tos() & TOS_MASK | PRECEDENCE_INTERNETCONTROL)
                .identification(header.icmpIdentification()).transport(error).build());
    }

    private static boolean isGroupAddress(Ipv4Address address) {
        return address.isMulticast() || address.isLimitedBroadcast();
    }

    /** icmp_send never answers an ICMP error, nor an ICMP type it does not know (taken for an error). */
    private static boolean answersAnIcmpError(Ipv4Packet original) {
        if (!original.protocol().equals(IpProtocol.ICMP)) {
            return false;
        }
        int type;
        if (original.transport() instanceof IcmpMessage icmp) {
            type = icmp.type().number();
        } else if (original.transport() instanceof RawTransport raw && raw.payload().length() > 0) {
            type = raw.payload().bytes().get(0);
        } else {
            return true;
        }
        return type > 18 || IcmpType.of(type).isError();
    }
}
