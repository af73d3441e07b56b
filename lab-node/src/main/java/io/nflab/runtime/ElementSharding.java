package io.nflab.runtime;

import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.actor.Address;
import akka.actor.typed.javadsl.Adapter;
import akka.cluster.Cluster;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion;
import akka.pattern.Patterns;
import io.nflab.topology.Placement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * A lab's nodes and segments as Cluster Sharding entities: one entity type for nodes, one for segments, one
 * shard per element (so each element is placed on its own), allocated by {@link PlacementAllocation} and
 * never rebalanced (moving an element would reboot it). Entity ids are {@code LAB-ID/ELEMENT}, with
 * {@code @ROLE} appended when the topology pins the element to the members with that role.
 */
public final class ElementSharding {
    /** The entity type of lab nodes. */
    public static final EntityTypeKey<NodeActor.Command> NODES =
            EntityTypeKey.create(NodeActor.Command.class, "nflab-node");
    /** The entity type of lab segments. */
    public static final EntityTypeKey<SegmentActor.Command> SEGMENTS =
            EntityTypeKey.create(SegmentActor.Command.class, "nflab-segment");

    private static final String ROLE_MARK = "@";

    private ElementSharding() {
    }

    /** Starts (or finds) this member's shard regions for both entity types; every member calls it. */
    public static void init(ActorSystem<?> system) {
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(NODES, context -> NodeActor.entity())
                .withMessageExtractor(new OneShardPerEntity<>())
                .withStopMessage(NodeActor.Stop.INSTANCE)
                .withAllocationStrategy(new PlacementAllocation(system)));
        sharding.init(Entity.of(SEGMENTS, context -> SegmentActor.entity())
                .withMessageExtractor(new OneShardPerEntity<>())
                .withStopMessage(SegmentActor.Stop.INSTANCE)
                .withAllocationStrategy(new PlacementAllocation(system)));
    }

    /**
     * Waits until every Up member's shard regions (nodes and segments) have registered with the coordinators,
     * for at most {@code timeout}. A member becomes Up before its regions register (they do so asynchronously
     * after it joins), and an element whose shard is allocated meanwhile would be placed as if that member
     * (and its roles) did not exist. Returns whether every region registered in time.
     */
    public static boolean awaitRegions(ActorSystem<?> system, Duration timeout) {
        akka.actor.ActorSystem classic = Adapter.toClassic(system);
        Cluster cluster = Cluster.get(classic);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<Address> up = new HashSet<>();
            cluster.state().getMembers().forEach(member -> {
                if (member.status() == MemberStatus.up()) {
                    up.add(member.address());
                }
            });
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Duration wait = Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos()));
            if (registeredRegions(classic, NODES, wait).containsAll(up)
                    && registeredRegions(classic, SEGMENTS, wait).containsAll(up)) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The members whose region of {@code type} the coordinator knows, as this member's region reports them. */
    private static Set<Address> registeredRegions(akka.actor.ActorSystem classic, EntityTypeKey<?> type,
                                                  Duration wait) {
        akka.actor.ActorRef region = akka.cluster.sharding.ClusterSharding.get(classic).shardRegion(type.name());
        try {
            Object answer = Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), wait)
                    .toCompletableFuture().get();
            Set<Address> addresses = new HashSet<>();
            ((ShardRegion.CurrentRegions) answer).getRegions().forEach(address -> addresses.add(
                    address.hasGlobalScope() ? address : Cluster.get(classic).selfAddress()));
            return addresses;
        } catch (ExecutionException e) { // no answer in time (the coordinator is still being found)
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /** The entity id of element {@code name} of lab {@code labId}, pinned to {@code placement}'s role if any. */
    public static String entityId(String labId, String name, Optional<Placement> placement) {
        return labId + "/" + name + placement.map(p -> ROLE_MARK + p.member()).orElse("");
    }

    /** The role an entity (or its shard, which has the same id) is pinned to. */
    static Optional<String> role(String entityId) {
        int mark = entityId.lastIndexOf(ROLE_MARK);
        return mark < 0 ? Optional.empty() : Optional.of(entityId.substring(mark + 1));
    }

    static EntityRef<NodeActor.Command> node(ActorSystem<?> system, String entityId) {
        return ClusterSharding.get(system).entityRefFor(NODES, entityId);
    }

    static EntityRef<SegmentActor.Command> segment(ActorSystem<?> system, String entityId) {
        return ClusterSharding.get(system).entityRefFor(SEGMENTS, entityId);
    }

    /** The shard of an entity is the entity itself. */
    private static final class OneShardPerEntity<M> extends ShardingMessageExtractor<ShardingEnvelope<M>, M> {
        @Override
        public String entityId(ShardingEnvelope<M> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return entityId;
        }

        @Override
        public M unwrapMessage(ShardingEnvelope<M> envelope) {
            return envelope.message();
        }
    }
}
