package io.nflab.conntrack;

import java.util.Optional;

/**
 * What connection tracking made of one packet: its state and direction as iptables' {@code state},
 * {@code conntrack --ctstate} and {@code --ctdir} see them, the connection it belongs to, and whether
 * conntrack itself drops it.
 *
 * @param state the packet's state
 * @param direction the packet's direction in its connection; null when INVALID or UNTRACKED
 * @param entry the connection (not yet confirmed for a NEW packet); null when INVALID or UNTRACKED
 * @param dropped conntrack drops the packet (table full, or a connection that could not be reopened)
 * @param reason why the packet is INVALID or dropped, as the kernel logs it; null otherwise
 */
public record ConntrackResult(CtState state, CtDirection direction, ConntrackEntry entry, boolean dropped,
        String reason) {
    /** A packet the raw table exempted from tracking. */
    public static final ConntrackResult UNTRACKED = new ConntrackResult(CtState.UNTRACKED, null, null, false, null);

    static ConntrackResult invalid(String reason) {
        return new ConntrackResult(CtState.INVALID, null, null, false, reason);
    }

    static ConntrackResult drop(String reason) {
        return new ConntrackResult(CtState.INVALID, null, null, true, reason);
    }

    /** Whether the packet belongs to a connection (not INVALID, not UNTRACKED). */
    public boolean tracked() {
        return entry != null;
    }

    /**
     * The state of a packet generated in answer to this one (REJECT's ICMP error or TCP RST): RELATED, in
     * the opposite direction of the same connection, as the kernel's {@code nf_conntrack_attach}. Empty
     * when this packet has no connection (INVALID, UNTRACKED): the answer is then tracked like any packet.
     */
    public Optional<ConntrackResult> answer() {
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new ConntrackResult(CtState.RELATED, direction.opposite(), entry, false, null));
    }
}
