package io.nflab.socket;

/** Arithmetic on 32-bit TCP sequence numbers held in longs (RFC 1982 serial comparison). */
final class TcpSequence {
    private TcpSequence() {
    }

    static long add(long sequence, long count) {
        return (sequence + count) & 0xffff_ffffL;
    }

    /** {@code a - b} as a signed distance. */
    static int distance(long a, long b) {
        return (int) (a - b);
    }

    static boolean before(long a, long b) {
        return distance(a, b) < 0;
    }

    static boolean after(long a, long b) {
        return distance(a, b) > 0;
    }
}
