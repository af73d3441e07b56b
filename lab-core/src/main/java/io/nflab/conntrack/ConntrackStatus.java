package io.nflab.conntrack;

import java.util.StringJoiner;

/**
 * The status bits of a connection, with the kernel's values ({@code enum ip_conntrack_status} in
 * include/uapi/linux/netfilter/nf_conntrack_common.h). An entry's status is an {@code int} of these bits.
 */
public final class ConntrackStatus {
    /** An expected connection (a helper's expectation matched its first packet). */
    public static final int EXPECTED = 1;
    /** Packets have been seen in both directions; {@code conntrack -L} prints {@code [UNREPLIED]} until then. */
    public static final int SEEN_REPLY = 1 << 1;
    /** Never early-dropped when the table is full; printed as {@code [ASSURED]}. */
    public static final int ASSURED = 1 << 2;
    /** In the table: the connection's first packet has left the box. */
    public static final int CONFIRMED = 1 << 3;
    /** Source NAT in the original direction. */
    public static final int SRC_NAT = 1 << 4;
    /** Destination NAT in the original direction. */
    public static final int DST_NAT = 1 << 5;
    public static final int SEQ_ADJUST = 1 << 6;
    public static final int SRC_NAT_DONE = 1 << 7;
    public static final int DST_NAT_DONE = 1 << 8;
    /** Removed from the table. */
    public static final int DYING = 1 << 9;
    /** Packets do not refresh the timeout. */
    public static final int FIXED_TIMEOUT = 1 << 10;
    public static final int TEMPLATE = 1 << 11;
    /** Obsolete in the uapi; in the kernel reused as NAT_CLASH for an entry that lost an insert race. */
    public static final int UNTRACKED = 1 << 12;
    /** A helper was attached explicitly (ruleset or ctnetlink). */
    public static final int HELPER = 1 << 13;
    public static final int OFFLOAD = 1 << 14;
    public static final int HW_OFFLOAD = 1 << 15;

    /** Bits userspace may not change through ctnetlink ({@code IPS_UNCHANGEABLE_MASK}). */
    public static final int UNCHANGEABLE = SRC_NAT_DONE | DST_NAT_DONE | SRC_NAT | DST_NAT | EXPECTED
            | CONFIRMED | DYING | SEQ_ADJUST | TEMPLATE | UNTRACKED | OFFLOAD | HW_OFFLOAD;

    private static final String[] NAMES = {"EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED", "SRC_NAT", "DST_NAT",
        "SEQ_ADJUST", "SRC_NAT_DONE", "DST_NAT_DONE", "DYING", "FIXED_TIMEOUT", "TEMPLATE", "UNTRACKED", "HELPER",
        "OFFLOAD", "HW_OFFLOAD"};

    private ConntrackStatus() {
    }

    /** The kernel names of the bits set in {@code status}, lowest bit first, comma-separated. */
    public static String names(int status) {
        StringJoiner joiner = new StringJoiner(",");
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((status & 1 << bit) != 0) {
                joiner.add(NAMES[bit]);
            }
        }
        return joiner.toString();
    }
}
