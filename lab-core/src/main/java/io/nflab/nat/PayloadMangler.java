package io.nflab.nat;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.CtDirection;
import io.nflab.conntrack.SeqAdjustment;
import io.nflab.packet.Ipv4Header;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.Payload;
import io.nflab.packet.TcpFlag;
import io.nflab.packet.TcpOption;
import io.nflab.packet.TcpOptions;
import io.nflab.packet.TcpSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What NAT helpers do to TCP payloads (the kernel's nf_nat_helper.c and nf_conntrack_seqadj.c): replace
 * bytes of a segment's payload, remembering the length difference, and move the sequence and
 * acknowledgment numbers (and SACK blocks) of every later segment of the connection accordingly.
 */
public final class PayloadMangler {
    private PayloadMangler() {
    }

    /**
     * {@code nf_nat_mangle_tcp_packet}: the segment with {@code length} payload bytes at {@code offset}
     * replaced by {@code replacement}; a length difference is recorded in the connection's sequence
     * adjustment for direction {@code dir} (and its SEQ_ADJUST bit set). Empty when the packet would grow
     * beyond 65535 bytes.
     */
    public static Optional<Ipv4Packet> mangleTcp(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir, int offset,
            int length, byte[] replacement) {
        TcpSegment tcp = (TcpSegment) packet.transport();
        byte[] old = tcp.payload().bytes().toArray();
        if (offset < 0 || length < 0 || offset + length > old.length) {
            throw new IllegalArgumentException("bytes " + offset + "+" + length + " are not in a payload of "
                    + old.length);
        }
        int growth = replacement.length - length;
        if (packet.totalLength() + growth > Ipv4Header.MAX_TOTAL_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = new byte[old.length + growth];
        System.arraycopy(old, 0, bytes, 0, offset);
        System.arraycopy(replacement, 0, bytes, offset, replacement.length);
        System.arraycopy(old, offset + length, bytes, offset + replacement.length, old.length - offset - length);
        Ipv4Packet mangled = packet.withTransport(tcp.withPayload(Payload.of(bytes)));
        if (growth != 0) {
            ct.extensions().seqAdjustment().set(dir, tcp.sequence(), growth);
            ct.addStatus(ConntrackStatus.SEQ_ADJUST);
        }
        return Optional.of(mangled);
    }

    /**
     * {@code nf_ct_seq_adjust}: a TCP segment of a connection with SEQ_ADJUST, its sequence number moved
     * by its direction's offset, its acknowledgment number (when ACK is set) and SACK blocks by the other
     * direction's.
     */
    public static Ipv4Packet adjustSequence(Ipv4Packet packet, ConntrackEntry ct, CtDirection dir) {
        if (!(packet.transport() instanceof TcpSegment tcp) || !ct.hasExtensions()
                || !ct.extensions().hasSeqAdjustment()) {
            return packet;
        }
        SeqAdjustment adjustment = ct.extensions().seqAdjustment();
        TcpSegment.Builder out = tcp.toBuilder().sequence(adjustment.adjustSequence(dir, tcp.sequence()));
        if (tcp.flags().has(TcpFlag.ACK)) {
            out.acknowledgment(adjustment.adjustAcknowledgment(dir, tcp.acknowledgment()));
            out.options(adjustSack(tcp.options(), adjustment, dir));
        }
        return packet.withTransport(out.build());
    }

    /** {@code nf_ct_sack_adjust}: SACK edges acknowledge the other direction's data. */
    private static TcpOptions adjustSack(TcpOptions options, SeqAdjustment adjustment,
            CtDirection dir) {
        if (!options.contains(TcpOption.KIND_SACK)) {
            return options;
        }
        List<TcpOption> adjusted = new ArrayList<>();
        for (TcpOption option : options.list()) {
            if (option instanceof TcpOption.Sack sack) {
                List<TcpOption.SackBlock> blocks = new ArrayList<>();
                for (TcpOption.SackBlock block : sack.blocks()) {
                    blocks.add(new TcpOption.SackBlock(adjustment.adjustAcknowledgment(dir, block.left()),
                            adjustment.adjustAcknowledgment(dir, block.right())));
                }
                adjusted.add(new TcpOption.Sack(blocks));
            } else {
                adjusted.add(option);
            }
        }
        return TcpOptions.of(adjusted);
    }
}
