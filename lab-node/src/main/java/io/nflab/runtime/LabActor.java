package io.nflab.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.StashBuffer;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import io.nflab.kernel.LabMacs;
import io.nflab.kernel.NodeInterface;
import io.nflab.lab.Activity;
import io.nflab.lab.CallRecord;
import io.nflab.lab.ClientResult;
import io.nflab.lab.LabChecks;
import io.nflab.lab.LabEvent;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.LabWires;
import io.nflab.lab.PacketStory;
import io.nflab.lab.StoryBook;
import io.nflab.lab.StoryNote;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.stack.ConsoleResult;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.SegmentSpec;
import io.nflab.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lab: boots one {@link SegmentActor} per segment and one {@link NodeActor} per node as Cluster Sharding
 * entities ({@link ElementSharding}; they may live on any member), wires them with each other's direct
 * {@link ActorRef}s (resolved once, so frames never pass through a shard region), watches them (an element
 * lost with its member boots again with fresh state and the lab is wired anew, a {@link LabEvent}), owns the
 * lab clock and the packets' stories, and runs one {@link io.nflab.lab.LabSession} call at a time (later
 * calls wait in a stash).
 *
 * <p>The clock moves in <em>rounds</em>, one lab instant each, with the semantics of
 * {@link io.nflab.lab.LocalLab}: every node with something due at the instant runs (in parallel), and the
 * round ends when every running node answered ({@link Ran}: how many batches of frames it handed to its
 * segments) and every one of those batches was accounted for by its segment ({@link Carried}: which nodes
 * get how many of its frames, and when). That in-flight count is all the lab needs to know the lab is quiet:
 * frames sent at an instant arrive one link delay later, so nothing else can happen at the same instant.
 * The messages of a round grow with the number of nodes and segments that act, not with the number of
 * frames: a node hands all the frames one interface sent at an instant to its segment in one message, and
 * the segment hands each port its share in one. Between rounds the lab adds the
 * round's story notes in topology order, the order {@code LocalLab} adds them in, so both runtimes give
 * identical activities.
 */
public final class LabActor extends AbstractBehavior<LabActor.Command> {

    /** What the lab actor is told: calls from {@link ActorLab}, and its elements' answers. */
    public sealed interface Command extends NflabSerializable {
    }

    /** The answer to a call: its activity, or why it failed. */
    public record CallReply(Optional<Activity> activity, String failure) implements NflabSerializable {
    }

    /** Answers {@link Started}: empty when every node booted, else the first refusal. */
    public record StartReply(String failure) implements NflabSerializable {
    }

    public record StoryReply(Optional<PacketStory> story, boolean forgotten) implements NflabSerializable {
    }

    public record SnapshotReply(LabSnapshot snapshot) implements NflabSerializable {
    }

    public record ClockReply(long nanos) implements NflabSerializable {
    }

    /** Answered once every node booted (or one refused its configuration). */
    public record Started(ActorRef<StartReply> replyTo) implements Command {
    }

    /** Packets written by {@code node}'s stack at the same lab instant ({@code send} is a batch of one). */
    public record SendCall(String node, List<Ipv4Packet> packets, ActorRef<CallReply> replyTo) implements Command {
        public SendCall {
            packets = List.copyOf(packets);
        }
    }

    public record CommandCall(String node, List<String> argv, String stdin, ActorRef<CallReply> replyTo)
            implements Command {
        public CommandCall {
            argv = List.copyOf(argv);
        }
    }

    public record AdvanceCall(long nanos, ActorRef<CallReply> replyTo) implements Command {
    }

    public record FaultCall(Fault fault, ActorRef<CallReply> replyTo) implements Command {
    }

    public record StoryCall(long id, ActorRef<StoryReply> replyTo) implements Command {
    }

    public record SnapshotCall(ActorRef<SnapshotReply> replyTo) implements Command {
    }

    public record ClockCall(ActorRef<ClockReply> replyTo) implements Command {
    }

    /** Stops the lab and its elements. */
    public enum Stop implements Command {
        INSTANCE
    }

    /** Node {@code index} booted as {@code ref} ({@code failure} empty) or refused its configuration. */
    public record NodeBooted(int index, ActorRef<NodeActor.Command> ref, String failure, long nextTimer)
            implements Command {
    }

    /** Segment {@code segment} booted as {@code ref}. */
    public record SegmentBooted(String segment, ActorRef<SegmentActor.Command> ref) implements Command {
    }

    /** A node or segment knows its neighbours of wiring {@code generation}. */
    public record Wired(int generation) implements Command {
    }

    /**
     * Node {@code index} acted: it handed its frames to its segments in {@code carries} {@link SegmentActor.Carry}
     * messages (one per interface that sent any), and this is what it saw.
     */
    public record Ran(int generation, int index, int carries, List<StoryNote> notes,
                      Optional<ClientResult> finished,
                      Optional<ConsoleResult> console, long nextTimer) implements Command {
        public Ran {
            notes = List.copyOf(notes);
        }
    }

    /**
     * A segment carried the frames of one {@link SegmentActor.Carry}: they land as {@code landings} say, and
     * these of them were lost.
     */
    public record Carried(int generation, List<Landing> landings, List<LostFrame> lost) implements Command {
        public Carried {
            landings = List.copyOf(landings);
            lost = List.copyOf(lost);
        }
    }

    /** {@code frames} frames arrive at node {@code node} (its index) at {@code arrivalNanos}. */
    public record Landing(int node, long arrivalNanos, int frames) {
    }

    /** Frame {@code (origin, sequence)} was lost on its segment; the notes end its packet's story there. */
    public record LostFrame(int origin, long sequence, List<StoryNote> notes) {
        /** The order lost frames' notes go into the story book: the order their senders sent them in. */
        static final Comparator<LostFrame> ORDER = Comparator.comparingInt(LostFrame::origin)
                .thenComparingLong(LostFrame::sequence);

        public LostFrame {
            notes = List.copyOf(notes);
        }
    }

    /** A segment set its loss share. */
    public record LossSet(int generation, String segment) implements Command {
    }

    public record NodeSnapshot(int index, LabSnapshot.NodeState state) implements Command {
    }

    /** Boots not answered yet are sent again (a Boot can be lost while sharding moves a lost member's shard). */
    private enum BootRetry implements Command {
        INSTANCE
    }

    /** Where a call is going: run to quiet, until its client exits, or until a clock target. */
    private enum Goal { SETTLE, CLIENT, ADVANCE, ANSWER }

    /** The call in progress. */
    private static final class Call {
        final ActorRef<CallReply> replyTo;
        final CallRecord record;
        final boolean clientCall;
        Goal goal = Goal.SETTLE;
        long target;
        ClientResult client;
        ConsoleResult console;

        Call(ActorRef<CallReply> replyTo, CallRecord record, boolean clientCall) {
            this.replyTo = replyTo;
            this.record = record;
            this.clientCall = clientCall;
        }
    }

    private static final Duration BOOT_RETRY = Duration.ofSeconds(1);

    private final Topology topology;
    private final Tracing tracing;
    private final StashBuffer<Command> stash;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<EntityRef<NodeActor.Command>> nodeEntities = new ArrayList<>();
    private final Map<String, EntityRef<SegmentActor.Command>> segmentEntities = new LinkedHashMap<>();
    private final List<ActorRef<NodeActor.Command>> nodes = new ArrayList<>();
    private final Map<String, ActorRef<SegmentActor.Command>> segments = new LinkedHashMap<>();
    private final Map<ActorRef<?>, String> elementOf = new HashMap<>();
    private final LabWires wires;
    private final List<NodeActor.InterfaceMac> macs;
    private final StoryBook book;
    private final long[] timers;
    private final long[] expected;
    private final boolean[] up;
    private final List<TreeMap<Long, Integer>> arrivals = new ArrayList<>();
    private long clock;
    private final Set<String> unbooted = new HashSet<>();
    private final TimerScheduler<Command> bootTimer;
    private int generation;
    private int unwired;
    private boolean started;
    private boolean recovering;
    private String bootFailure = "";
    private final List<ActorRef<StartReply>> startWaiters = new ArrayList<>();
    private final List<LabEvent> pendingEvents = new ArrayList<>();
    private Call call;
    private int awaitingAnswers;
    private int awaitingCarries;
    private final TreeMap<Integer, Ran> roundRuns = new TreeMap<>();
    private final List<LostFrame> roundLost = new ArrayList<>();
    private ActorRef<SnapshotReply> snapshotTo;
    private final TreeMap<String, LabSnapshot.NodeState> snapshotStates = new TreeMap<>();

    private LabActor(ActorContext<Command> context, StashBuffer<Command> stash, TimerScheduler<Command> bootTimer,
                     Topology topology, String labId, Tracing tracing) {
        super(context);
        this.bootTimer = bootTimer;
        this.topology = topology;
        this.tracing = tracing;
        // as LocalLab: with hop traces every story is kept, with ends only the most recent ones
        this.book = tracing == Tracing.HOPS ? new StoryBook() : StoryBook.keepingLast(StoryBook.RECENT_STORIES);
        this.stash = stash;
        List<NodeSpec> specs = topology.nodes();
        timers = new long[specs.size()];
        expected = new long[specs.size()];
        up = new boolean[specs.size()];
        wires = LabWires.of(topology);
        macs = LabMacs.of(topology).entrySet().stream()
                .map(mac -> new NodeActor.InterfaceMac(mac.getKey(), mac.getValue())).toList();
        for (int i = 0; i < specs.size(); i++) {
            NodeSpec spec = specs.get(i);
            names.add(spec.name());
            indexOf.put(spec.name(), i);
            nodeEntities.add(ElementSharding.node(context.getSystem(),
                    ElementSharding.entityId(labId, spec.name(), spec.placement())));
            nodes.add(null);
            arrivals.add(new TreeMap<>());
        }
        for (int i = 0; i < specs.size(); i++) {
            bootNode(i);
        }
        Map<String, SegmentSpec> segmentSpecs = new HashMap<>();
        topology.segments().forEach(segment -> segmentSpecs.put(segment.name(), segment));
        wires.ports().keySet().forEach(name -> {
            segmentEntities.put(name, ElementSharding.segment(context.getSystem(), ElementSharding.entityId(labId,
                    name, Optional.ofNullable(segmentSpecs.get(name)).flatMap(SegmentSpec::placement))));
            bootSegment(name);
        });
    }

    /**
     * The lab running {@code topology}, its elements entities of {@link ElementSharding} with ids under
     * {@code labId} (unique in the cluster).
     */
    public static Behavior<Command> create(Topology topology, String labId, Tracing tracing) {
        return Behaviors.withStash(10_000, stash -> Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new LabActor(context, stash, timers, topology, labId, tracing))));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NodeBooted.class, this::onNodeBooted)
                .onMessage(SegmentBooted.class, this::onSegmentBooted)
                .onMessage(Wired.class, this::onWired)
                .onMessageEquals(BootRetry.INSTANCE, this::onBootRetry)
                .onMessage(Started.class, this::onStarted)
                .onMessage(SendCall.class, this::onSend)
                .onMessage(CommandCall.class, this::onCommand)
                .onMessage(AdvanceCall.class, this::onAdvance)
                .onMessage(FaultCall.class, this::onFault)
                .onMessage(StoryCall.class, this::onStory)
                .onMessage(SnapshotCall.class, this::onSnapshot)
                .onMessage(ClockCall.class, this::onClock)
                .onMessage(Ran.class, this::onRan)
                .onMessage(Carried.class, this::onCarried)
                .onMessage(LossSet.class, this::onLossSet)
                .onMessage(NodeSnapshot.class, this::onNodeSnapshot)
                .onMessageEquals(Stop.INSTANCE, this::onStop)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    // ------------------------------------------------------------------------------------- boot and wiring

    private void bootNode(int index) {
        unbooted.add(names.get(index));
        bootTimer.startSingleTimer(BootRetry.INSTANCE, BOOT_RETRY);
        nodeEntities.get(index).tell(new NodeActor.Boot(topology.nodes().get(index), index, names.size(), macs,
                tracing, getContext().getSelf()));
    }

    private void bootSegment(String name) {
        unbooted.add(name);
        bootTimer.startSingleTimer(BootRetry.INSTANCE, BOOT_RETRY);
        segmentEntities.get(name).tell(new SegmentActor.Boot(name, wires.ports().get(name), getContext().getSelf()));
    }

    private Behavior<Command> onBootRetry() {
        new ArrayList<>(unbooted).forEach(element -> {
            Integer index = indexOf.get(element);
            if (index != null) {
                bootNode(index);
            } else {
                bootSegment(element);
            }
        });
        return this;
    }

    private Behavior<Command> onNodeBooted(NodeBooted booted) {
        int index = booted.index();
        if (!unbooted.remove(names.get(index))) {
            return this; // the answer to a Boot sent again
        }
        nodes.set(index, booted.ref());
        elementOf.put(booted.ref(), names.get(index));
        getContext().watch(booted.ref());
        timers[index] = booted.nextTimer();
        up[index] = true;
        if (bootFailure.isEmpty() && !booted.failure().isEmpty()) {
            bootFailure = booted.failure();
        }
        return elementBooted();
    }

    private Behavior<Command> onSegmentBooted(SegmentBooted booted) {
        if (!unbooted.remove(booted.segment())) {
            return this;
        }
        segments.put(booted.segment(), booted.ref());
        elementOf.put(booted.ref(), booted.segment());
        getContext().watch(booted.ref());
        return elementBooted();
    }

    /** Once every element is booted, a new wiring generation gives each its neighbours' refs. */
    private Behavior<Command> elementBooted() {
        if (!unbooted.isEmpty()) {
            return this;
        }
        bootTimer.cancel(BootRetry.INSTANCE);
        generation++;
        unwired = names.size() + segments.size();
        wires.ports().forEach((name, ports) -> segments.get(name).tell(new SegmentActor.Wire(generation,
                ports.stream().map(p -> new SegmentActor.Port(p.node(), indexOf.get(p.node()), p.iface(),
                        nodes.get(indexOf.get(p.node())))).toList())));
        for (int i = 0; i < names.size(); i++) {
            String node = names.get(i);
            nodes.get(i).tell(new NodeActor.Wire(generation, topology.nodes().get(i).interfaces().stream()
                    .map(iface -> new NodeActor.SegmentPort(iface.name(), segments.get(wires.segmentOf(
                            new NodeInterface(node, iface.name()))))).toList()));
        }
        return this;
    }

    private Behavior<Command> onWired(Wired wired) {
        if (wired.generation() != generation || --unwired > 0) {
            return this;
        }
        if (!started) {
            started = true;
            recovering = false;
            startWaiters.forEach(waiter -> waiter.tell(new StartReply(bootFailure)));
            startWaiters.clear();
            return this;
        }
        return recovered();
    }

    private Behavior<Command> onStarted(Started started) {
        if (this.started) {
            started.replyTo().tell(new StartReply(bootFailure));
        } else {
            startWaiters.add(started.replyTo());
        }
        return this;
    }

    // ------------------------------------------------------------------------------------- member loss

    /**
     * An element stopped without being told to: its cluster member left or was downed, or (a bug) the element
     * failed ({@link ElementLoss} tells which in the event). It boots again (Cluster
     * Sharding starts it on a surviving member) with fresh state, as a rebooted machine would, and the lab is
     * wired anew; the call in progress ends once that is done, and the event goes into its activity.
     */
    private Behavior<Command> onTerminated(Terminated terminated) {
        String element = elementOf.remove(terminated.getRef());
        if (element == null) {
            return this;
        }
        akka.cluster.Cluster cluster = akka.cluster.Cluster.get(getContext().getSystem().classicSystem());
        LabEvent event = new LabEvent(clock, ElementLoss.describe(element, terminated.getRef().path().address(),
                cluster.selfAddress(), cluster.state()));
        if (call != null) {
            call.record.event(event);
        } else {
            pendingEvents.add(event);
        }
        recovering = true;
        Integer index = indexOf.get(element);
        if (index != null) {
            bootNode(index);
        } else {
            bootSegment(element);
        }
        return this;
    }

    /**
     * Wired again after a loss: frames that were in flight are gone (the new wiring ignores them), and the call
     * that was interrupted answers with what it had.
     */
    private Behavior<Command> recovered() {
        recovering = false;
        awaitingAnswers = 0;
        awaitingCarries = 0;
        roundRuns.clear();
        roundLost.clear();
        java.util.Arrays.fill(expected, 0);
        arrivals.forEach(TreeMap::clear);
        if (snapshotTo != null) {
            snapshotStates.clear();
            nodes.forEach(node -> node.tell(new NodeActor.Snapshot(clock)));
            return this;
        }
        if (call != null) {
            if (call.clientCall && call.client == null) {
                call.console = new ConsoleResult(1, "", "nflab: a cluster member of the lab was lost meanwhile\n");
            }
            call.goal = Goal.ANSWER;
            return finish();
        }
        return stash.unstashAll(this);
    }

    private Behavior<Command> onStop() {
        elementOf.keySet().forEach(ref -> getContext().unwatch(ref));
        nodes.forEach(node -> node.tell(NodeActor.Stop.INSTANCE));
        segments.values().forEach(segment -> segment.tell(SegmentActor.Stop.INSTANCE));
        return Behaviors.stopped();
    }

    // ------------------------------------------------------------------------------------- calls

    private boolean busy(Command command) {
        if (call != null || snapshotTo != null || recovering) {
            stash.stash(command);
            return true;
        }
        return false;
    }

    /** A call's record, with the events that happened since the last call (a member lost in between). */
    private CallRecord newRecord() {
        CallRecord record = new CallRecord(clock, book);
        pendingEvents.forEach(record::event);
        pendingEvents.clear();
        return record;
    }

    private Behavior<Command> onSend(SendCall send) {
        if (busy(send)) {
            return this;
        }
        int index = indexOf.get(send.node());
        call = new Call(send.replyTo(), newRecord(), false);
        if (!up[index]) {
            call.console = new ConsoleResult(1, "", "nflab: " + send.node() + " is down (crashed)\n");
            call.goal = Goal.ANSWER;
            return finish();
        }
        awaitingAnswers = 1;
        nodes.get(index).tell(new NodeActor.SendPackets(send.packets(), clock));
        return this;
    }

    private Behavior<Command> onCommand(CommandCall command) {
        if (busy(command)) {
            return this;
        }
        call = new Call(command.replyTo(), newRecord(), true);
        call.goal = Goal.CLIENT;
        awaitingAnswers = 1;
        nodes.get(indexOf.get(command.node())).tell(new NodeActor.Execute(command.argv(), command.stdin(), clock));
        return this;
    }

    private Behavior<Command> onAdvance(AdvanceCall advance) {
        if (busy(advance)) {
            return this;
        }
        call = new Call(advance.replyTo(), newRecord(), false);
        call.goal = Goal.ADVANCE;
        call.target = clock + advance.nanos() < clock ? Long.MAX_VALUE - 1 : clock + advance.nanos();
        return proceed();
    }

    private Behavior<Command> onFault(FaultCall faultCall) {
        if (busy(faultCall)) {
            return this;
        }
        Fault fault = faultCall.fault();
        call = new Call(faultCall.replyTo(), newRecord(), false);
        call.record.event(LabChecks.event(fault, clock));
        awaitingAnswers = 1;
        if (fault instanceof Fault.Link link) {
            nodes.get(indexOf.get(link.node())).tell(new NodeActor.Console(LabChecks.linkCommand(link), clock));
        } else if (fault instanceof Fault.Crash crash) {
            up[indexOf.get(crash.node())] = false;
            nodes.get(indexOf.get(crash.node())).tell(new NodeActor.Crash(clock));
        } else if (fault instanceof Fault.Restart restart) {
            up[indexOf.get(restart.node())] = true;
            nodes.get(indexOf.get(restart.node())).tell(new NodeActor.Restart(clock));
        } else if (fault instanceof Fault.Loss loss) {
            segments.get(loss.segment()).tell(new SegmentActor.SetLoss(loss.percent()));
        }
        return this;
    }

    private Behavior<Command> onStory(StoryCall story) {
        story.replyTo().tell(new StoryReply(book.story(story.id()), book.forgotten(story.id())));
        return this;
    }

    private Behavior<Command> onClock(ClockCall clockCall) {
        if (busy(clockCall)) {
            return this;
        }
        clockCall.replyTo().tell(new ClockReply(clock));
        return this;
    }

    private Behavior<Command> onSnapshot(SnapshotCall snapshot) {
        if (busy(snapshot)) {
            return this;
        }
        snapshotTo = snapshot.replyTo();
        snapshotStates.clear();
        nodes.forEach(node -> node.tell(new NodeActor.Snapshot(clock)));
        return this;
    }

    private Behavior<Command> onNodeSnapshot(NodeSnapshot state) {
        snapshotStates.put(names.get(state.index()), state.state());
        if (snapshotStates.size() < names.size()) {
            return this;
        }
        snapshotTo.tell(new SnapshotReply(new LabSnapshot(clock, snapshotStates)));
        snapshotTo = null;
        return stash.unstashAll(this);
    }

    // ------------------------------------------------------------------------------------- rounds

    private Behavior<Command> onRan(Ran ran) {
        if (stale(ran.generation())) {
            return this;
        }
        timers[ran.index()] = ran.nextTimer();
        awaitingCarries += ran.carries();
        roundRuns.put(ran.index(), ran);
        awaitingAnswers--;
        return endOfRound();
    }

    private Behavior<Command> onCarried(Carried carried) {
        if (stale(carried.generation())) {
            return this;
        }
        for (Landing landing : carried.landings()) {
            arrivals.get(landing.node()).merge(landing.arrivalNanos(), landing.frames(), Integer::sum);
            expected[landing.node()] += landing.frames();
        }
        roundLost.addAll(carried.lost());
        awaitingCarries--;
        return endOfRound();
    }

    private Behavior<Command> onLossSet(LossSet set) {
        if (stale(set.generation())) {
            return this;
        }
        awaitingAnswers--;
        return endOfRound();
    }

    /** A round's message from before the last wiring, or one that comes while the lab is wired anew. */
    private boolean stale(int from) {
        return from != generation || recovering;
    }

    /** Once the round is complete: its notes in topology order, then on towards the call's goal. */
    private Behavior<Command> endOfRound() {
        if (awaitingAnswers > 0 || awaitingCarries > 0) {
            return this;
        }
        roundLost.sort(LostFrame.ORDER);
        int lost = 0;
        for (Ran ran : roundRuns.values()) {
            book.addAll(ran.notes());
            while (lost < roundLost.size() && roundLost.get(lost).origin() == ran.index()) {
                book.addAll(roundLost.get(lost++).notes());
            }
            ran.finished().ifPresent(result -> call.client = result);
            ran.console().ifPresent(result -> call.console = result);
        }
        roundRuns.clear();
        roundLost.clear();
        if (call.console != null) {
            if (call.clientCall || call.console.exitCode() != 0) {
                call.goal = Goal.ANSWER;
            } else {
                call.console = null;
            }
        }
        return proceed();
    }

    private Behavior<Command> proceed() {
        switch (call.goal) {
            case ANSWER -> {
                return finish();
            }
            case CLIENT -> {
                if (call.client != null) {
                    call.goal = Goal.SETTLE;
                    return proceed();
                }
                long next = nextEventTime();
                if (next == Long.MAX_VALUE) {
                    call.replyTo.tell(new CallReply(Optional.empty(), "the client waits for nothing"));
                    call = null;
                    return stash.unstashAll(this);
                }
                startRound(next);
                return this;
            }
            case ADVANCE -> {
                long next = nextEventTime();
                if (next <= call.target) {
                    startRound(next);
                    return this;
                }
                clock = Math.max(clock, call.target);
                call.goal = Goal.SETTLE;
                return proceed();
            }
            default -> {
                if (arrivals.stream().anyMatch(times -> !times.isEmpty())) {
                    startRound(nextEventTime());
                    return this;
                }
                return finish();
            }
        }
    }

    private long nextEventTime() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < timers.length; i++) {
            next = Math.min(next, nextEventTime(i));
        }
        return next;
    }

    private long nextEventTime(int index) {
        TreeMap<Long, Integer> times = arrivals.get(index);
        return Math.min(timers[index], times.isEmpty() ? Long.MAX_VALUE : times.firstKey());
    }

    private void startRound(long instant) {
        clock = Math.max(clock, instant);
        for (int i = 0; i < names.size(); i++) {
            if (nextEventTime(i) <= clock) {
                arrivals.get(i).headMap(clock, true).clear();
                awaitingAnswers++;
                nodes.get(i).tell(new NodeActor.Run(clock, expected[i]));
            }
        }
    }

    private Behavior<Command> finish() {
        Activity activity;
        if (call.clientCall && call.client != null) {
            activity = call.record.finish(clock, book, call.client);
        } else if (call.console != null) {
            activity = call.record.finish(clock, book, call.console);
        } else {
            activity = call.record.finish(clock, book);
        }
        call.replyTo.tell(new CallReply(Optional.of(activity), ""));
        call = null;
        return stash.unstashAll(this);
    }
}
