package io.nflab.netfilter.match;

import java.util.Objects;

/** {@code -m pkttype --pkt-type unicast|broadcast|multicast|otherhost}, with {@code !}. */
public record PkttypeMatch(PacketType type, boolean negated) implements Match {

    /** The link-layer packet types iptables names. */
    public enum PacketType { UNICAST, BROADCAST, MULTICAST, OTHERHOST }

    public PkttypeMatch {
        Objects.requireNonNull(type, "type");
    }
}
