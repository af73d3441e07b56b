package io.nflab.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.nflab.address.MacAddress;
import io.nflab.diagnostics.UserInputException;
import io.nflab.kernel.NodeInterface;
import io.nflab.lab.Arrival;
import io.nflab.lab.Emitted;
import io.nflab.lab.Execution;
import io.nflab.lab.LabFrame;
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.NodeElement;
import io.nflab.lab.NodeRun;
import io.nflab.kernel.LabMacs;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.ConsoleResult;
import io.nflab.topology.NodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab node: a thin shell over its {@link NodeElement} (the node's net stack, arrivals, client program
 * and packet ids), a Cluster Sharding entity ({@link ElementSharding}) booted by its lab with {@link Boot}
 * and wired with its segments' refs ({@link Wire}). The lab actor tells it when to act ({@link Run} one
 * instant, {@link SendPackets}, {@link Execute} …); it answers each with a {@link LabActor.Ran} and hands
 * the frames it sent to its segments' actors. Frames from segments ({@link Deliver}) wait in the element
 * until their instant; a {@link Run} waits (stashed) until every frame the lab counted towards this node is in.
 */
public final class NodeActor extends AbstractBehavior<NodeActor.Command> {

    /** What a node actor is told. */
    public sealed interface Command extends NflabSerializable {
    }

    /**
     * Boot as node {@code index} of {@code nodeCount} from {@code spec}; the node answers
     * {@link LabActor.NodeBooted} with its own ref, or the refusal of its ruleset or sysctls.
     */
    public record Boot(NodeSpec spec, int index, int nodeCount, List<InterfaceMac> macs, Tracing tracing,
                       ActorRef<LabActor.Command> lab) implements Command {
        public Boot {
            macs = List.copyOf(macs);
        }
    }

    /** The MAC address of a lab interface (the lab computes them once, {@link LabMacs}). */
    public record InterfaceMac(NodeInterface port, MacAddress mac) {
    }

    /** The node's segments (by interface), wiring {@code generation}; answered with {@link LabActor.Wired}. */
    public record Wire(int generation, List<SegmentPort> segments) implements Command {
        public Wire {
            segments = List.copyOf(segments);
        }
    }

    /** Interface {@code iface} is plugged into {@code segment}. */
    public record SegmentPort(String iface, ActorRef<SegmentActor.Command> segment) {
    }

    /** Handle everything due by {@code instant}, once {@code expectedArrivals} frames in all have arrived. */
    public record Run(long instant, long expectedArrivals) implements Command {
    }

    /** The scenario's {@code send}, or a batch of them ({@link io.nflab.lab.LabSession#sendAll}). */
    public record SendPackets(List<Ipv4Packet> packets, long instant) implements Command {
        public SendPackets {
            packets = List.copyOf(packets);
        }
    }

    /** A console command, a client program included. */
    public record Execute(List<String> argv, String stdin, long instant) implements Command {
        public Execute {
            argv = List.copyOf(argv);
        }
    }

    /** A command for the stack's console only (a link fault's {@code ip link set}). */
    public record Console(List<String> argv, long instant) implements Command {
        public Console {
            argv = List.copyOf(argv);
        }
    }

    /** The node crashes. */
    public record Crash(long instant) implements Command {
    }

    /** The node boots again from its description. */
    public record Restart(long instant) implements Command {
    }

    /** {@code iptables-save -c} and {@code conntrack -L}, answered with {@link LabActor.NodeSnapshot}. */
    public record Snapshot(long instant) implements Command {
    }

    /**
     * Frames from a segment, arriving on interface {@code iface} at {@code nanos}, carried in wiring
     * {@code generation} (older frames were lost with a member).
     */
    public record Deliver(int generation, long nanos, String iface, String segment, List<LabFrame> frames)
            implements Command {
        public Deliver {
            frames = List.copyOf(frames);
        }
    }

    /** The lab is closed: the node stops. */
    public enum Stop implements Command {
        INSTANCE
    }

    private final Map<String, ActorRef<SegmentActor.Command>> segments = new HashMap<>();
    private int index;
    private ActorRef<LabActor.Command> lab;
    private NodeElement element;
    private int generation;
    private long arrived;
    private Run waiting;

    private NodeActor(ActorContext<Command> context) {
        super(context);
    }

    /** A node entity ({@link ElementSharding}): it waits for its {@link Boot}. */
    public static Behavior<Command> entity() {
        return Behaviors.setup(NodeActor::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Boot.class, this::onBoot)
                .onMessage(Wire.class, this::onWire)
                .onMessage(Run.class, this::onRun)
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(SendPackets.class, this::onSend)
                .onMessage(Execute.class, this::onExecute)
                .onMessage(Console.class, this::onConsole)
                .onMessage(Crash.class, this::onCrash)
                .onMessage(Restart.class, this::onRestart)
                .onMessage(Snapshot.class, this::onSnapshot)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onBoot(Boot boot) {
        if (element != null) { // the lab sent its Boot again before the answer reached it
            lab.tell(new LabActor.NodeBooted(index, getContext().getSelf(), "", element.nextTimer()));
            return this;
        }
        index = boot.index();
        lab = boot.lab();
        Map<NodeInterface, MacAddress> macs = new HashMap<>();
        boot.macs().forEach(mac -> macs.put(mac.port(), mac.mac()));
        try {
            element = new NodeElement(boot.spec(), index, boot.nodeCount(), macs, boot.tracing());
            lab.tell(new LabActor.NodeBooted(index, getContext().getSelf(), "", element.nextTimer()));
        } catch (UserInputException e) {
            lab.tell(new LabActor.NodeBooted(index, getContext().getSelf(), e.getMessage(), Long.MAX_VALUE));
        }
        return this;
    }

    /** New neighbours (the first wiring, or after a member was lost): frames of older wirings are gone. */
    private Behavior<Command> onWire(Wire wire) {
        segments.clear();
        wire.segments().forEach(port -> segments.put(port.iface(), port.segment()));
        generation = wire.generation();
        arrived = 0;
        waiting = null;
        lab.tell(new LabActor.Wired(generation));
        return this;
    }

    private Behavior<Command> onRun(Run run) {
        if (arrived < run.expectedArrivals()) {
            waiting = run;
            return this;
        }
        report(element.run(run.instant()), Optional.empty());
        return this;
    }

    private Behavior<Command> onDeliver(Deliver deliver) {
        if (deliver.generation() != generation) {
            return this;
        }
        for (LabFrame frame : deliver.frames()) {
            element.enqueue(new Arrival(deliver.nanos(), deliver.iface(), deliver.segment(), frame));
        }
        arrived += deliver.frames().size();
        if (waiting != null && arrived >= waiting.expectedArrivals()) {
            Run run = waiting;
            waiting = null;
            onRun(run);
        }
        return this;
    }

    private Behavior<Command> onSend(SendPackets send) {
        report(element.sendAll(send.packets(), send.instant()), Optional.empty());
        return this;
    }

    private Behavior<Command> onExecute(Execute execute) {
        Execution execution = element.execute(execute.argv(), execute.stdin(), execute.instant());
        report(execution.run(), execution.done());
        return this;
    }

    private Behavior<Command> onConsole(Console console) {
        report(NodeRun.NOTHING, Optional.of(element.console(console.argv(), console.instant())));
        return this;
    }

    private Behavior<Command> onCrash(Crash crash) {
        report(element.crash(crash.instant()), Optional.empty());
        return this;
    }

    private Behavior<Command> onRestart(Restart restart) {
        report(element.restart(restart.instant()), Optional.empty());
        return this;
    }

    private Behavior<Command> onSnapshot(Snapshot snapshot) {
        ConsoleResult save = element.console(List.of("iptables-save", "-c"), snapshot.instant());
        ConsoleResult conntrack = element.console(List.of("conntrack", "-L"), snapshot.instant());
        lab.tell(new LabActor.NodeSnapshot(index, new LabSnapshot.NodeState(save.stdout(), conntrack.stdout())));
        return this;
    }

    /** Frames to their segments, one batch per interface, then the run's account to the lab. */
    private void report(NodeRun run, Optional<ConsoleResult> console) {
        Map<String, List<LabFrame>> byInterface = run.frames().isEmpty() ? Map.of() : new LinkedHashMap<>();
        for (Emitted emitted : run.frames()) {
            byInterface.computeIfAbsent(emitted.iface(), iface -> new ArrayList<>()).add(emitted.frame());
        }
        byInterface.forEach((iface, frames) -> segments.get(iface).tell(new SegmentActor.Carry(generation, iface,
                frames)));
        lab.tell(new LabActor.Ran(generation, index, byInterface.size(), run.notes(), run.finished(), console,
                element.nextTimer()));
    }
}
