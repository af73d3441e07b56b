package io.nflab.conntrack;

/**
 * The generic tracker ({@code generic_packet}) for every protocol without its own: each packet renews
 * {@code generic_timeout} (600 s). nflab also uses it for SCTP, which the kernel tracks with its own state
 * machine (not modelled).
 */
final class GenericTracker {
    private GenericTracker() {
    }

    static TrackVerdict packet(ConntrackEntry ct, ConntrackPacket packet, int dir, long now, ConntrackSettings s) {
        ct.refresh(dir, now, s.nanos(ConntrackSysctl.GENERIC_TIMEOUT), packet.length());
        return TrackVerdict.ACCEPT;
    }
}
