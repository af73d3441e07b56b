package io.nflab.stack;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.match.ConnlimitMatch;
import io.nflab.netfilter.match.ConnmarkMatch;
import io.nflab.netfilter.match.ConntrackMatch;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.match.StateMatch;
import io.nflab.netfilter.target.ConnmarkTarget;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.NotrackTarget;
import io.nflab.netfilter.target.RedirectTarget;

/**
 * Whether connection tracking runs in a namespace. The kernel registers its conntrack hooks in a network
 * namespace only when something there needs them ({@code nf_ct_netns_get}): a rule with a NAT target (DNAT,
 * SNAT, MASQUERADE, REDIRECT) or a conntrack-based match or target (state, conntrack, connmark, connlimit,
 * CONNMARK, CT, NOTRACK). The nat table itself does not: with the nf_tables backend its chains run only for
 * tracked packets, so a nat table of policies alone sees nothing and counts nothing, as the kernel lab shows.
 * A host without such rules tracks nothing and {@code conntrack -L} shows no entries (docs/kernel-lab.md).
 */
final class ConntrackUse {
    private final Netfilter netfilter;
    private long revision = -1;
    private boolean needed;

    ConntrackUse(Netfilter netfilter) {
        this.netfilter = netfilter;
    }

    boolean needed() {
        if (netfilter.revision() != revision) {
            needed = compute();
            revision = netfilter.revision();
        }
        return needed;
    }

    private boolean compute() {
        for (Table table : netfilter.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    if (usesConntrack(rule)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean usesConntrack(Rule rule) {
        for (Match match : rule.matches()) {
            if (match instanceof StateMatch || match instanceof ConntrackMatch || match instanceof ConnmarkMatch
                    || match instanceof ConnlimitMatch) {
                return true;
            }
        }
        return rule.target() instanceof ConnmarkTarget || rule.target() instanceof CtTarget
                || rule.target() instanceof NotrackTarget || rule.target() instanceof NatTarget
                || rule.target() instanceof MasqueradeTarget || rule.target() instanceof RedirectTarget;
    }
}
