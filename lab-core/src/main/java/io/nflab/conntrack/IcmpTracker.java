package io.nflab.conntrack;

/**
 * The ICMP tracker ({@code nf_conntrack_icmp_packet}): only a request (echo 8, timestamp 13, information
 * 15, address mask 17) may open an entry; every packet renews {@code icmp_timeout}. ICMP errors never get
 * here: the table relates them to the connection they quote.
 */
final class IcmpTracker {
    private IcmpTracker() {
    }

    static TrackVerdict packet(ConntrackEntry ct, ConntrackPacket packet, int dir, long now, ConntrackSettings s) {
        int type = TupleKeys.b(ct.origLow) >>> 8;
        if (type != 8 && type != 13 && type != 15 && type != 17) {
            return TrackVerdict.INVALID_ICMP_NEW;
        }
        ct.refresh(dir, now, s.nanos(ConntrackSysctl.ICMP_TIMEOUT), packet.length());
        return TrackVerdict.ACCEPT;
    }

    /** ICMP error types ({@code icmp_is_err}): destination unreachable, source quench, redirect, time exceeded, parameter problem. */
    static boolean isError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** The highest ICMP type the kernel knows ({@code NR_ICMP_TYPES}); higher ones are invalid. */
    static final int MAX_KNOWN_TYPE = 18;
}
