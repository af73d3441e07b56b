package io.nflab.runtime;

import akka.actor.Address;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import java.util.stream.StreamSupport;

/**
 * Why a lab element stopped without being told to, in the words of the {@link io.nflab.lab.LabEvent} that
 * reports its restart: its cluster member left, crashed or was downed (an element there cannot outlive it), or
 * the member is still an Up, reachable member, in which case the element itself failed — an nflab bug, which
 * the event names as such instead of blaming the member.
 */
final class ElementLoss {
    private ElementLoss() {
    }

    /** The event text for {@code element}, which ran on {@code member}, as the cluster {@code state} now is. */
    static String describe(String element, Address member, Address self, ClusterEvent.CurrentClusterState state) {
        Address where = member.hasGlobalScope() ? member : self;
        String at = where.getHost().orElse("local") + ":" + where.getPort().map(String::valueOf).orElse("-");
        boolean memberAlive = StreamSupport.stream(state.getMembers().spliterator(), false)
                .filter(m -> m.address().equals(where))
                .anyMatch(m -> m.status() == MemberStatus.up() && !isUnreachable(m, state));
        return memberAlive
                ? element + " restarted with fresh state: it failed on cluster member " + at
                        + " (an internal error of nflab; the member's log has the details)"
                : element + " restarted with fresh state: its cluster member " + at + " is gone";
    }

    private static boolean isUnreachable(Member member, ClusterEvent.CurrentClusterState state) {
        return StreamSupport.stream(state.getUnreachable().spliterator(), false).anyMatch(member::equals);
    }
}
