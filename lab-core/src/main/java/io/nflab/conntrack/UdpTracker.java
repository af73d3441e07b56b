package io.nflab.conntrack;

/**
 * The UDP and UDP-Lite tracker ({@code nf_conntrack_udp_packet}): 30 s ({@code udp_timeout}) until the
 * first reply and while the entry is younger than two seconds; after that every packet renews the
 * {@code udp_timeout_stream} (120 s) and marks the entry ASSURED. (UDP-Lite in the kernel skips the
 * two-second rule; nflab applies it to both.)
 */
final class UdpTracker {
    private static final long STREAM_AFTER_NANOS = 2_000_000_000L;

    private UdpTracker() {
    }

    static TrackVerdict packet(ConntrackEntry ct, ConntrackPacket packet, int dir, long now, ConntrackSettings s) {
        int status = ct.status;
        if ((status & ConntrackStatus.CONFIRMED) == 0) {
            ct.protoTimestamp = now + STREAM_AFTER_NANOS;
        }
        if ((status & ConntrackStatus.SEEN_REPLY) != 0) {
            long extra = s.nanos(ConntrackSysctl.UDP_TIMEOUT);
            boolean stream = false;
            if (now - ct.protoTimestamp > 0) {
                extra = s.nanos(ConntrackSysctl.UDP_TIMEOUT_STREAM);
                stream = (status & ConntrackStatus.ASSURED) == 0;
            }
            ct.refresh(dir, now, extra, packet.length());
            if (stream && (status & ConntrackStatus.UNTRACKED) == 0) { // UNTRACKED doubles as NAT_CLASH
                ct.status |= ConntrackStatus.ASSURED;
            }
        } else {
            ct.refresh(dir, now, s.nanos(ConntrackSysctl.UDP_TIMEOUT), packet.length());
        }
        return TrackVerdict.ACCEPT;
    }
}
