package io.nflab.runtime;

import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import io.nflab.diagnostics.UserInputException;
import io.nflab.topology.Placement;
import io.nflab.topology.Topology;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks a topology's {@code placement:} roles against the cluster before a lab starts. */
final class Placements {
    private Placements() {
    }

    /**
     * On a cluster of several members, every placement must name a role an Up member has (on one member,
     * placement has no effect, as {@link Placement} says).
     *
     * @throws UserInputException naming the element and the role, and listing the roles there are
     */
    static void check(Topology topology, ClusterEvent.CurrentClusterState state) {
        Set<String> roles = new TreeSet<>();
        int members = 0;
        for (Member member : state.getMembers()) {
            if (member.status() == MemberStatus.up()) {
                members++;
                roles.addAll(member.getRoles());
            }
        }
        if (members < 2) {
            return;
        }
        roles.removeIf(role -> role.startsWith("dc-")); // Akka's data-center role, not one of ours
        topology.nodes().forEach(node -> require(roles, "node " + node.name(), node.placement()));
        topology.segments().forEach(segment -> require(roles, "segment " + segment.name(), segment.placement()));
    }

    private static void require(Set<String> roles, String element, Optional<Placement> placement) {
        if (placement.isPresent() && !roles.contains(placement.get().member())) {
            throw new UserInputException(element + " is placed on `" + placement.get().member()
                    + "', but no cluster member has that role; the members' roles are: "
                    + (roles.isEmpty() ? "(none)" : String.join(", ", roles)));
        }
    }
}
