package io.nflab.conntrack;

/**
 * The GRE tracker ({@code nf_conntrack_gre_packet}) for GRE version 0, whose tuple keys are 0:
 * {@code gre_timeout} (30 s) until a reply, then {@code gre_timeout_stream} (180 s) and ASSURED. Both
 * timeouts are fixed when the entry is created, as in the kernel. PPTP (GRE version 1 call ids) is not
 * modelled.
 */
final class GreTracker {
    private GreTracker() {
    }

    static TrackVerdict packet(ConntrackEntry ct, ConntrackPacket packet, int dir, long now, ConntrackSettings s) {
        if (!ct.isConfirmed()) {
            ct.protoState = s.get(ConntrackSysctl.GRE_TIMEOUT);
            ct.protoTimestamp = s.get(ConntrackSysctl.GRE_TIMEOUT_STREAM);
        }
        if (ct.seenReply()) {
            ct.refresh(dir, now, ct.protoTimestamp * 1_000_000_000L, packet.length());
            if ((ct.status & ConntrackStatus.UNTRACKED) == 0) { // UNTRACKED doubles as NAT_CLASH
                ct.status |= ConntrackStatus.ASSURED;
            }
        } else {
            ct.refresh(dir, now, ct.protoState * 1_000_000_000L, packet.length());
        }
        return TrackVerdict.ACCEPT;
    }
}
