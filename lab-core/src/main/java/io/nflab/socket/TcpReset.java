package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpFlags;
import io.nflab.packet.TcpSegment;
import java.util.Optional;

/**
 * The RST Linux sends for a segment no socket wants ({@code tcp_v4_send_reset}): when the segment
 * acknowledges something, a bare RST whose sequence number is that acknowledgment; otherwise RST-ACK
 * with sequence 0 acknowledging the segment's sequence space. Window 0, no options, DF, IP id 0,
 * TTL {@code ip_default_ttl}, and the segment's TOS without its ECN bits ({@code arg.tos = ip_hdr(skb)->tos},
 * masked by {@code ip_send_unicast_reply}). Nothing answers a RST.
 */
public final class TcpReset {
    private static final int ECN_MASK = 0x03;

    private TcpReset() {
    }

    /** The reset answering {@code segment} (a TCP packet), or empty when it carries RST itself. */
    public static Optional<Ipv4Packet> replyTo(Ipv4Packet segment, int ttl) {
        if (!(segment.transport() instanceof TcpSegment tcp)) {
            throw new IllegalArgumentException("not a TCP segment: " + segment);
        }
        TcpFlags flags = tcp.flags();
        if (flags.has(TcpFlag.RST)) {
            return Optional.empty();
        }
        if (flags.has(TcpFlag.ACK)) {
            return Optional.of(build(segment.destination(), segment.source(), tcp.destinationPort(), tcp.sourcePort(),
                    tcp.acknowledgment(), 0, false, ttl, 0).withTos(segment.tos() & ~ECN_MASK));
        }
        long length = tcp.payload().length() + (flags.has(TcpFlag.SYN) ? 1 : 0) + (flags.has(TcpFlag.FIN) ? 1 : 0);
        return Optional.of(build(segment.destination(), segment.source(), tcp.destinationPort(), tcp.sourcePort(),
                0, TcpSequence.add(tcp.sequence(), length), true, ttl, 0).withTos(segment.tos() & ~ECN_MASK));
    }

    static Ipv4Packet build(Ipv4Address source, Ipv4Address destination, int sourcePort, int destinationPort,
                            long sequence, long acknowledgment, boolean ack, int ttl, int identification) {
        TcpSegment tcp = TcpSegment.builder().sourcePort(sourcePort).destinationPort(destinationPort).sequence(sequence)
                .acknowledgment(acknowledgment).flags(ack ? TcpFlags.RST_ACK : TcpFlags.RST).window(0).build();
        return Ipv4Packet.builder().source(source).destination(destination).ttl(ttl).dontFragment(true)
                .identification(identification).transport(tcp).build();
    }
}
