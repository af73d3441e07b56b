package io.nflab.netfilter.eval;

import io.nflab.netfilter.match.CtState;
import java.util.Set;

/** Connection states as bits (one per {@link CtState}), the way xt_state and xt_conntrack test them. */
final class StateBits {
    private StateBits() {
    }

    static int of(Set<CtState> states) {
        int bits = 0;
        for (CtState state : states) {
            bits |= of(state);
        }
        return bits;
    }

    static int of(CtState state) {
        return 1 << state.ordinal();
    }

    /** The packet's state bit, plus SNAT/DNAT when its connection is translated (conntrack only). */
    static int ofPacket(PacketContext packet, boolean withNat) {
        int bits = of(packet.effectiveState());
        if (withNat && packet.hasConntrackEntry()) {
            int status = packet.conntrack.status();
            if ((status & ConntrackView.IPS_SRC_NAT) != 0) {
                bits |= of(CtState.SNAT);
            }
            if ((status & ConntrackView.IPS_DST_NAT) != 0) {
                bits |= of(CtState.DNAT);
            }
        }
        return bits;
    }
}
