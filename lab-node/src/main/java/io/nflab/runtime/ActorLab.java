package io.nflab.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.typed.Cluster;
import io.nflab.cluster.LabCluster;
import io.nflab.cluster.MemberSettings;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.LabChecks;
import io.nflab.lab.LabSession;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.PacketStory;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.topology.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A lab run by actors ({@link LabActor}, {@link NodeActor}, {@link SegmentActor}) behind the blocking
 * {@link LabSession} facade: each call asks the lab actor and waits for the activity. The lab actor lives in
 * this process; nodes and segments are Cluster Sharding entities on any member of the cluster
 * ({@link ElementSharding}, docs/cluster.md). The same calls give
 * the same activities as {@link io.nflab.lab.LocalLab}. Names are checked here, before anything is asked,
 * so that bad input is a {@link UserInputException} as with {@code LocalLab}. Calls wait at most
 * {@code nflab.runtime.call-timeout} (wall clock) for an answer.
 */
public final class ActorLab implements LabSession {
    private static final AtomicInteger LABS = new AtomicInteger();

    private final Topology topology;
    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final ActorRef<LabActor.Command> lab;
    private final Duration timeout;
    private boolean closed;

    private ActorLab(Topology topology, ActorSystem<?> system, boolean ownsSystem, ActorRef<LabActor.Command> lab) {
        this.topology = topology;
        this.system = system;
        this.ownsSystem = ownsSystem;
        this.lab = lab;
        this.timeout = system.settings().config().getDuration("nflab.runtime.call-timeout");
    }

    /**
     * Boots {@code topology} in an actor system of its own (closed with the lab), with full packet stories.
     *
     * @throws UserInputException when a node's ruleset or sysctl is refused
     */
    public static ActorLab start(Topology topology) {
        return start(topology, MemberSettings.EMBEDDED);
    }

    /**
     * Boots {@code topology} with full packet stories in an actor system of its own (closed with the lab), a
     * cluster member as {@code member} says: the embedded one-member cluster, or a member of an existing
     * cluster (its seeds) whose members host the lab's elements.
     *
     * @throws UserInputException when a node's ruleset or sysctl is refused, or a placement names a role no
     *                            member has
     */
    public static ActorLab start(Topology topology, MemberSettings member) {
        ActorSystem<Void> system = LabCluster.start(member.config());
        try {
            return start(system, topology, Tracing.HOPS, true);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /**
     * Boots {@code topology} as actors in {@code system} (which outlives the lab). The system becomes a cluster
     * member first if it is not one yet (joining itself when it has no seed nodes).
     */
    public static ActorLab start(ActorSystem<?> system, Topology topology, Tracing tracing) {
        return start(system, topology, tracing, false);
    }

    /**
     * Makes {@code system} ready to host labs: an Up cluster member (joining itself when it has no seed nodes)
     * whose shard regions for lab elements are registered. Starting a lab does this first; it returns at once
     * when the system is ready already.
     *
     * @throws UserInputException when the system does not become an Up member in time
     */
    public static void prepare(ActorSystem<?> system) {
        ElementSharding.init(system); // the regions start while the member joins, and register once it is Up
        LabCluster.awaitUp(system);
        ElementSharding.awaitRegions(system, system.settings().config().getDuration("nflab.cluster.join-timeout"));
    }

    private static ActorLab start(ActorSystem<?> system, Topology topology, Tracing tracing, boolean ownsSystem) {
        Objects.requireNonNull(topology, "topology");
        prepare(system);
        Placements.check(topology, Cluster.get(system).state());
        String name = "lab-" + topology.name() + "-" + LABS.incrementAndGet();
        String labId = name + "-" + UUID.randomUUID().toString().substring(0, 8); // unique in the cluster
        ActorRef<LabActor.Command> ref = system.systemActorOf(LabActor.create(topology, labId, tracing), name,
                Props.empty());
        ActorLab lab = new ActorLab(topology, system, ownsSystem, ref);
        String failure = lab.ask(LabActor.Started::new).failure();
        if (!failure.isEmpty()) {
            lab.close();
            throw new UserInputException(failure);
        }
        return lab;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long clock() {
        return ask(LabActor.ClockCall::new).nanos();
    }

    @Override
    public Activity send(String node, Ipv4Packet packet) {
        return sendAll(node, List.of(packet));
    }

    @Override
    public Activity sendAll(String node, List<Ipv4Packet> packets) {
        requireOpen();
        LabChecks.node(topology, node);
        List<Ipv4Packet> batch = List.copyOf(packets);
        return activity(replyTo -> new LabActor.SendCall(node, batch, replyTo));
    }

    @Override
    public Activity command(String node, List<String> argv, String stdin) {
        requireOpen();
        LabChecks.node(topology, node);
        return activity(replyTo -> new LabActor.CommandCall(node, argv, Objects.requireNonNull(stdin, "stdin"),
                replyTo));
    }

    @Override
    public Activity advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("the lab clock cannot go back: " + nanos);
        }
        return activity(replyTo -> new LabActor.AdvanceCall(nanos, replyTo));
    }

    @Override
    public Activity fault(Fault fault) {
        requireOpen();
        LabChecks.check(topology, fault);
        return activity(replyTo -> new LabActor.FaultCall(fault, replyTo));
    }

    @Override
    public Optional<PacketStory> packet(long id) {
        return this.<LabActor.StoryReply>ask(replyTo -> new LabActor.StoryCall(id, replyTo)).story();
    }

    @Override
    public boolean forgotten(long id) {
        return this.<LabActor.StoryReply>ask(replyTo -> new LabActor.StoryCall(id, replyTo)).forgotten();
    }

    @Override
    public LabSnapshot snapshot() {
        return ask(LabActor.SnapshotCall::new).snapshot();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lab.tell(LabActor.Stop.INSTANCE);
        if (ownsSystem) {
            system.terminate();
        }
    }

    private Activity activity(Function<ActorRef<LabActor.CallReply>, LabActor.Command> call) {
        LabActor.CallReply reply = ask(call);
        return reply.activity().orElseThrow(() -> new IllegalStateException(reply.failure()));
    }

    private <T> T ask(Function<ActorRef<T>, LabActor.Command> message) {
        requireOpen();
        try {
            return AskPattern.ask(lab, message::apply, timeout, system.scheduler()).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("lab " + topology.name() + " did not answer: " + e.getCause(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + topology.name() + " is closed");
        }
    }
}
