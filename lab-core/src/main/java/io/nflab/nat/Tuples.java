package io.nflab.nat;

import io.nflab.conntrack.ConntrackTuple;

/**
 * Field access on {@link ConntrackTuple}s the way NAT needs it: the kernel's {@code src.u.all} ({@code a}:
 * source port, ICMP id) and {@code dst.u.all} ({@code b}: destination port, ICMP type and code), and
 * tuples with one of them replaced.
 */
final class Tuples {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;

    private Tuples() {
    }

    static int a(ConntrackTuple t) {
        return (int) (t.low() >>> 16) & 0xffff;
    }

    static int b(ConntrackTuple t) {
        return (int) t.low() & 0xffff;
    }

    static ConntrackTuple of(ConntrackTuple like, int src, int dst, int a, int b) {
        return ConntrackTuple.of(like.protocol(), src, dst, a, b);
    }

    /** The address of the manipulated end. */
    static int address(ConntrackTuple t, ManipType manip) {
        return manip == ManipType.SRC ? t.srcBits() : t.dstBits();
    }

    static ConntrackTuple withAddress(ConntrackTuple t, ManipType manip, int address) {
        return manip == ManipType.SRC ? of(t, address, t.dstBits(), a(t), b(t))
                : of(t, t.srcBits(), address, a(t), b(t));
    }

    /**
     * The layer-4 key NAT may change for this manipulation: the source or destination port for TCP and
     * UDP, the id (either manipulation) for ICMP; -1 for protocols whose tuple NAT does not change.
     */
    static int key(ConntrackTuple t, ManipType manip) {
        return switch (t.protocol()) {
            case ICMP -> a(t);
            case TCP, UDP -> manip == ManipType.SRC ? a(t) : b(t);
            default -> -1;
        };
    }

    static ConntrackTuple withKey(ConntrackTuple t, ManipType manip, int key) {
        if (t.protocol() == ICMP || manip == ManipType.SRC) {
            return of(t, t.srcBits(), t.dstBits(), key, b(t));
        }
        return of(t, t.srcBits(), t.dstBits(), a(t), key);
    }

    /** The inverse tuple; every tuple NAT handles has one (it came from a tracked connection). */
    static ConntrackTuple invert(ConntrackTuple t) {
        return t.invert().orElseThrow(() -> new IllegalStateException("tuple without an inverse: " + t));
    }
}
