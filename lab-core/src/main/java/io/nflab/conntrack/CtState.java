package io.nflab.conntrack;

/** A packet's connection state as iptables' {@code state} and {@code conntrack --ctstate} matches see it. */
public enum CtState {
    /** The first packet of a connection (original direction only). */
    NEW,
    /** A packet of a connection that has seen packets in both directions, or any reply-direction packet. */
    ESTABLISHED,
    /** An ICMP error about a tracked connection, or the first packet of an expected connection. */
    RELATED,
    /** A packet conntrack could not attach to a connection. */
    INVALID,
    /** A packet exempted from tracking ({@code -j NOTRACK}, {@code -j CT --notrack}). */
    UNTRACKED
}
