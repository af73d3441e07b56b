package io.nflab.conntrack;

/**
 * TCP sequence number adjustment of one connection, the kernel's {@code nf_conn_seqadj}
 * (nf_conntrack_seqadj.c): when a NAT helper changed the length of a payload (FTP's {@code PORT} text
 * rewritten with another address), every later segment of that direction has its sequence number moved
 * by the difference, and every segment of the other direction its acknowledgment number.
 *
 * <p>Per direction it keeps the sequence number of the last rewritten segment ({@code correction_pos}),
 * the offset of segments up to it and the offset of segments after it. Numbers are unsigned 32 bits held
 * in {@code long}s; comparisons wrap like the kernel's {@code before}/{@code after}.
 */
public final class SeqAdjustment {
    private final long[] correctionPosition = new long[2];
    private final int[] offsetBefore = new int[2];
    private final int[] offsetAfter = new int[2];

    SeqAdjustment() {
    }

    /**
     * Records that the segment of {@code direction} with sequence number {@code seq} grew by {@code offset}
     * bytes ({@code nf_ct_seqadj_set}); a later rewrite of an earlier segment (a retransmission) does not
     * change the offsets.
     */
    public void set(CtDirection direction, long seq, int offset) {
        if (offset == 0) {
            return;
        }
        int d = direction.index();
        if (offsetBefore[d] == offsetAfter[d] || before(correctionPosition[d], seq)) {
            correctionPosition[d] = seq & 0xffff_ffffL;
            offsetBefore[d] = offsetAfter[d];
            offsetAfter[d] += offset;
        }
    }

    /** The sequence number a segment of {@code direction} carries on the wire after adjustment. */
    public long adjustSequence(CtDirection direction, long seq) {
        int d = direction.index();
        int offset = after(seq, correctionPosition[d]) ? offsetAfter[d] : offsetBefore[d];
        return (seq + offset) & 0xffff_ffffL;
    }

    /**
     * The acknowledgment number a segment of {@code direction} carries after adjustment: it acknowledges
     * data of the other direction, whose offsets are taken off.
     */
    public long adjustAcknowledgment(CtDirection direction, long ack) {
        int other = 1 - direction.index();
        int offset = after((ack - offsetBefore[other]) & 0xffff_ffffL, correctionPosition[other])
                ? offsetAfter[other] : offsetBefore[other];
        return (ack - offset) & 0xffff_ffffL;
    }

    /** The offset applied to segments of {@code direction} after the last rewrite. */
    public int offsetAfter(CtDirection direction) {
        return offsetAfter[direction.index()];
    }

    /** The offset applied to segments of {@code direction} up to the last rewrite. */
    public int offsetBefore(CtDirection direction) {
        return offsetBefore[direction.index()];
    }

    /** The sequence number of the last rewritten segment of {@code direction}. */
    public long correctionPosition(CtDirection direction) {
        return correctionPosition[direction.index()];
    }

    /** The kernel's {@code before(a, b)}: {@code (s32)(a - b) < 0}. */
    static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }

    /** The kernel's {@code after(a, b)}: {@code before(b, a)}. */
    static boolean after(long a, long b) {
        return before(b, a);
    }
}
