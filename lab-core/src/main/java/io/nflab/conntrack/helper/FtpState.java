package io.nflab.conntrack.helper;

import io.nflab.conntrack.CtDirection;
import io.nflab.conntrack.HelperData;

/**
 * The FTP helper's memory of one control connection (the kernel's {@code struct nf_ct_ftp_master}): per
 * direction the sequence numbers right after the last two newlines, because only a segment starting a
 * line is searched for commands.
 */
final class FtpState implements HelperData {
    private static final int REMEMBERED = 2;

    private final long[][] afterNewline = new long[2][REMEMBERED];
    private final int[] count = new int[2];

    /** {@code find_nl_seq}: whether a segment starting at {@code seq} starts a line. */
    boolean startsLine(CtDirection direction, long seq) {
        int d = direction.index();
        for (int i = 0; i < count[d]; i++) {
            if (afterNewline[d][i] == seq) {
                return true;
            }
        }
        return false;
    }

    /** {@code update_nl_seq}: a segment of {@code direction} ended with a newline just before {@code seq}. */
    void lineEndsAt(CtDirection direction, long seq) {
        int d = direction.index();
        long[] seen = afterNewline[d];
        for (int i = 0; i < count[d]; i++) {
            if (seen[i] == seq) {
                return;
            }
        }
        if (count[d] < REMEMBERED) {
            seen[count[d]++] = seq;
        } else {
            int oldest = before(seen[0], seen[1]) ? 0 : 1;
            if (before(seen[oldest], seq)) {
                seen[oldest] = seq;
            }
        }
    }

    private static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }
}
