package io.nflab.netfilter.target;

import java.util.Optional;

/**
 * What a rule does when it matches ({@code -j}/{@code -g}), one immutable type per target. The
 * model holds what the kernel holds; parsing and printing live in {@code io.nflab.iptables}, the
 * effects (verdicts, NAT bindings, marks, log lines) in the packet path.
 */
public sealed interface Target permits Verdict, NoTarget, Jump, Goto, RejectTarget, LogTarget, NatTarget,
        MasqueradeTarget, RedirectTarget, MarkTarget, ConnmarkTarget, TosTarget, TtlTarget, DscpTarget,
        NotrackTarget, CtTarget, TraceTarget, NfqueueTarget, AuditTarget, ClassifyTarget {

    /** The user chain this target jumps or goes to, if it is a {@link Jump} or {@link Goto}. */
    default Optional<String> jumpsTo() {
        return Optional.empty();
    }

    /** The same target aimed at another chain (for renames); targets that aim at no chain return themselves. */
    default Target withChain(String chain) {
        return this;
    }

    /** True for targets that end the traversal of the rule set for this packet at this hook (ACCEPT, DROP, REJECT, DNAT …). */
    boolean isTerminal();
}
