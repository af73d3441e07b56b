package io.nflab.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetClusterShardingStats;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import io.nflab.runtime.ElementSharding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/** A cluster of real Artery members in this JVM, on loopback and free ports; member {@code i} has role mI. */
final class Members implements AutoCloseable {
    private final List<ActorSystem<Void>> systems = new ArrayList<>();

    Members(int count) {
        for (int i = 1; i <= count; i++) {
            systems.add(LabCluster.start(new MemberSettings(Optional.empty(), List.of(), List.of("m" + i),
                    Optional.empty()).config()));
        }
        Address first = address(0);
        systems.forEach(system -> Cluster.get(system).manager().tell(Join.create(first)));
        systems.forEach(ElementSharding::init);
        await(() -> systems.stream().allMatch(system -> upMembers(system) == count), "all members up");
        await(() -> ElementSharding.awaitRegions(systems.get(0), Duration.ofSeconds(5)),
                "every member's shard regions registered");
    }

    ActorSystem<Void> get(int index) {
        return systems.get(index);
    }

    Address address(int index) {
        return Cluster.get(systems.get(index)).selfMember().address();
    }

    /** Stops member {@code index} as SIGTERM would (it leaves gracefully) and waits until the others see it gone. */
    void leave(int index) {
        Address gone = address(index);
        ActorSystem<Void> system = systems.get(index);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        await(() -> StreamSupport.stream(Cluster.get(systems.get(0)).state().getMembers().spliterator(), false)
                .noneMatch(member -> member.address().equals(gone)), "member " + gone + " removed");
    }

    /** Which member hosts each shard (here: each element) of {@code type}, as the members say. */
    Map<String, Address> shards(EntityTypeKey<?> type) {
        ShardRegion.ClusterShardingStats stats = AskPattern.<akka.cluster.sharding.typed.ClusterShardingQuery,
                        ShardRegion.ClusterShardingStats>ask(ClusterSharding.get(systems.get(0)).shardState(),
                        replyTo -> new GetClusterShardingStats(type, Duration.ofSeconds(3), replyTo),
                        Duration.ofSeconds(5), systems.get(0).scheduler())
                .toCompletableFuture().join();
        Map<String, Address> where = new TreeMap<>();
        stats.getRegions().forEach((address, region) -> region.getStats().keySet()
                .forEach(shard -> where.put(shard, address)));
        return where;
    }

    private static long upMembers(ActorSystem<?> system) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(member -> member.status() == MemberStatus.up()).count();
    }

    static void await(BooleanSupplier condition, String what) {
        await(condition, what, () -> "");
    }

    /** Waits up to 20 s for {@code condition}; a timeout names {@code what} and the state {@code seen} shows. */
    static void await(BooleanSupplier condition, String what, Supplier<String> seen) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String state = seen.get();
                throw new AssertionError("timed out waiting for " + what + (state.isEmpty() ? "" : "; " + state));
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Members leave one by one, the first (the leader) last, so each is let go at once. */
    @Override
    public void close() {
        for (int i = systems.size() - 1; i >= 0; i--) {
            systems.get(i).terminate();
            systems.get(i).getWhenTerminated().toCompletableFuture().join();
        }
    }
}
