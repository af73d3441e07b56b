package io.nflab.conntrack;

/**
 * The packed form of a tuple, shared by {@link ConntrackTuple}, the table and its index.
 *
 * <pre>
 * high: source address (bits 32..63) | destination address (bits 0..31)
 * low:  zone (bits 40..55) | protocol (32..39) | a (16..31) | b (0..15)
 *       a = source port or ICMP id, b = destination port or ICMP type &lt;&lt; 8 | code
 * </pre>
 *
 * The zone is part of the table key but not of a {@link ConntrackTuple}; bit 63 of {@code low} is never
 * set, so {@link #invertLow} can answer -1 for "not invertible".
 */
final class TupleKeys {
    static final long TUPLE_MASK = 0xff_ffff_ffffL;
    private static final int ZONE_SHIFT = 40;

    /** ICMP request/reply partners, as the kernel's {@code invmap} in nf_conntrack_proto_icmp.c. */
    private static final int[] ICMP_INVERSE = new int[19];

    static {
        java.util.Arrays.fill(ICMP_INVERSE, -1);
        pair(8, 0); // echo ↔ echo reply
        pair(13, 14); // timestamp ↔ timestamp reply
        pair(15, 16); // information request ↔ reply
        pair(17, 18); // address mask request ↔ reply
    }

    private TupleKeys() {
    }

    private static void pair(int request, int reply) {
        ICMP_INVERSE[request] = reply;
        ICMP_INVERSE[reply] = request;
    }

    static long high(int src, int dst) {
        return (long) src << 32 | (dst & 0xffff_ffffL);
    }

    static long low(int protocol, int a, int b) {
        return (long) (protocol & 0xff) << 32 | (long) (a & 0xffff) << 16 | (b & 0xffff);
    }

    /** Like {@link #low} but keeps only the fields the protocol's tuple has (ports, ICMP, GRE keys). */
    static long tupleLow(int protocol, int a, int b) {
        if (Protocols.hasPorts(protocol) || protocol == Protocols.ICMP || protocol == Protocols.GRE) {
            return low(protocol, a, b);
        }
        return low(protocol, 0, 0);
    }

    static long withZone(long low, int zone) {
        return (low & TUPLE_MASK) | (long) (zone & 0xffff) << ZONE_SHIFT;
    }

    static int zone(long low) {
        return (int) (low >>> ZONE_SHIFT) & 0xffff;
    }

    static int src(long high) {
        return (int) (high >>> 32);
    }

    static int dst(long high) {
        return (int) high;
    }

    static int protocol(long low) {
        return (int) (low >>> 32) & 0xff;
    }

    static int a(long low) {
        return (int) (low >>> 16) & 0xffff;
    }

    static int b(long low) {
        return (int) low & 0xffff;
    }

    static long swap(long high) {
        return high << 32 | high >>> 32;
    }

    /** The reply-direction low word (zone kept), or -1 when an ICMP type has no partner. */
    static long invertLow(long low) {
        int protocol = protocol(low);
        long zoneBits = low & ~TUPLE_MASK;
        if (protocol == Protocols.ICMP) {
            int type = b(low) >>> 8;
            int inverse = type < ICMP_INVERSE.length ? ICMP_INVERSE[type] : -1;
            if (inverse < 0) {
                return -1;
            }
            return zoneBits | low(protocol, a(low), inverse << 8 | (b(low) & 0xff));
        }
        return zoneBits | low(protocol, b(low), a(low));
    }

    /** A well-mixed 64-bit hash of a key (murmur3's finalizer over both words). */
    static long hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(low * 0xC2B2AE3D27D4EB4FL, 29);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
