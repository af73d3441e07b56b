package io.nflab.runtime;

import akka.actor.ActorRef;
import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.Cluster;
import akka.cluster.Member;
import akka.cluster.sharding.ShardCoordinator;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Where a lab element's shard goes: to the least loaded member carrying the role the element is pinned to
 * ({@code placement:} in the topology, see {@link ElementSharding#entityId}), else to the least loaded member
 * of all (ties broken by address, so the same cluster places the same lab the same way). Shards are never
 * rebalanced: an element moves only when its member is lost, and then starts with fresh state.
 */
final class PlacementAllocation extends ShardCoordinator.AbstractShardAllocationStrategy {
    private final Cluster cluster;

    PlacementAllocation(ActorSystem<?> system) {
        this.cluster = Cluster.get(akka.actor.typed.javadsl.Adapter.toClassic(system));
    }

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                          Map<ActorRef, IndexedSeq<String>> current) {
        Optional<String> role = ElementSharding.role(shardId);
        Comparator<Map.Entry<ActorRef, IndexedSeq<String>>> leastLoaded =
                Comparator.<Map.Entry<ActorRef, IndexedSeq<String>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(e -> address(e.getKey()).toString());
        ActorRef region = current.entrySet().stream()
                .filter(e -> role.isEmpty() || hasRole(address(e.getKey()), role.get()))
                .min(leastLoaded)
                .or(() -> current.entrySet().stream().min(leastLoaded)) // ActorLab refuses unknown roles first
                .map(Map.Entry::getKey)
                .orElse(requester);
        return Future.successful(region);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
        return Future.successful(Set.of());
    }

    private Address address(ActorRef region) {
        Address address = region.path().address();
        return address.hasGlobalScope() ? address : cluster.selfAddress();
    }

    private boolean hasRole(Address address, String role) {
        return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .filter(member -> member.address().equals(address))
                .map(Member::getRoles)
                .anyMatch(roles -> roles.contains(role));
    }
}
