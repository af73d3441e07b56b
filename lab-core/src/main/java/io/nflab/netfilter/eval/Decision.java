package io.nflab.netfilter.eval;

import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.netfilter.target.RejectTarget;
import io.nflab.netfilter.target.Target;
import java.util.Objects;

/**
 * The outcome of one table at one hook for one packet, and where it was decided. Decisions are shared
 * immutable values (the engine keeps one per rule and hook), so producing one never allocates.
 *
 * <ul>
 * <li>{@link Kind#ACCEPT}: the packet goes on to the next table or hook.
 * <li>{@link Kind#DROP}: the packet is dropped.
 * <li>{@link Kind#REJECT}: dropped, and {@link #target()} is the {@link RejectTarget} saying what to
 *     send back ({@link RejectReplies} builds it).
 * <li>{@link Kind#NAT}: the nat table asks for a binding: {@link #target()} is the {@link NatTarget},
 *     {@link MasqueradeTarget} or {@link RedirectTarget}; the NAT layer makes the binding, then the packet
 *     goes on as accepted.
 * <li>{@link Kind#NOT_HOOKED}: the table has no chain at this hook; the packet goes on untouched.
 * </ul>
 * For ACCEPT and DROP {@link #target()} is the rule's target: a {@code Verdict}, or an {@code NfqueueTarget}
 * (nflab has no program reading netfilter queues, so NFQUEUE drops, or accepts with {@code --queue-bypass},
 * as the kernel does without a reader); {@code null} when the chain's policy decided.
 */
public record Decision(Kind kind, Place place, Target target) {

    /** What happens to the packet. */
    public enum Kind { ACCEPT, DROP, REJECT, NAT, NOT_HOOKED }

    public Decision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(place, "place");
    }

    /** Whether the packet continues on its path (ACCEPT, NAT once bound, NOT_HOOKED). */
    public boolean continues() {
        return kind == Kind.ACCEPT || kind == Kind.NAT || kind == Kind.NOT_HOOKED;
    }

    @Override
    public String toString() {
        return kind + " at " + place + (target == null ? "" : " (" + target + ")");
    }
}
