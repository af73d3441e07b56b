package io.nflab.nat;

import io.nflab.conntrack.ConntrackStatus;
import io.nflab.netfilter.Hook;

/**
 * Which end of a connection a NAT hook rewrites (the kernel's {@code enum nf_nat_manip_type} and
 * {@code HOOK2MANIP}): the source at POSTROUTING and INPUT, the destination at PREROUTING and OUTPUT.
 */
public enum ManipType {
    SRC(ConntrackStatus.SRC_NAT, ConntrackStatus.SRC_NAT_DONE),
    DST(ConntrackStatus.DST_NAT, ConntrackStatus.DST_NAT_DONE);

    /** Both NAT bits ({@code IPS_NAT_MASK}). */
    static final int NAT_MASK = ConntrackStatus.SRC_NAT | ConntrackStatus.DST_NAT;

    private final int natBit;
    private final int doneBit;

    ManipType(int natBit, int doneBit) {
        this.natBit = natBit;
        this.doneBit = doneBit;
    }

    /** The manipulation a NAT hook does; FORWARD has none. */
    public static ManipType of(Hook hook) {
        return switch (hook) {
            case PREROUTING, OUTPUT -> DST;
            case POSTROUTING, INPUT -> SRC;
            case FORWARD -> throw new IllegalArgumentException("there is no NAT at FORWARD");
        };
    }

    /** {@link ConntrackStatus#SRC_NAT} or {@link ConntrackStatus#DST_NAT}: the binding changed this end. */
    public int natBit() {
        return natBit;
    }

    /** {@link ConntrackStatus#SRC_NAT_DONE} or {@link ConntrackStatus#DST_NAT_DONE}: the binding is made. */
    public int doneBit() {
        return doneBit;
    }

    public ManipType opposite() {
        return this == SRC ? DST : SRC;
    }
}
