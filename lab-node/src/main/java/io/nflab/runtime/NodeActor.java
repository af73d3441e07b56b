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
import io.nflab.lab.LabSnapshot;
import io.nflab.lab.NodeElement;
import io.nflab.lab.NodeRun;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.ConsoleResult;
import io.nflab.topology.NodeSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lab node: a thin shell over its {@link NodeElement} (the node's net stack, arrivals, client program
 * and packet ids). The lab actor tells it when to act ({@link Run} one instant, {@link SendPacket},
 * {@link Execute} …); it answers each with a {@link LabActor.Ran} and hands the frames it sent to its
 * segments' actors. Frames from segments ({@link Deliver}) wait in the element until their instant; a
 * {@link Run} waits (stashed) until every frame the lab counted towards this node is in.
 */
public final class NodeActor extends AbstractBehavior<NodeActor.Command> {

    /** What a node actor is told. */
    public sealed interface Command extends NflabSerializable {
    }

    /** The node's segment (by interface) and the lab; the node boots and answers {@link LabActor.Wired}. */
    public record Wire(List<SegmentPort> segments, ActorRef<LabActor.Command> lab) implements Command {
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

    /** The scenario's {@code send}. */
    public record SendPacket(Ipv4Packet packet, long instant) implements Command {
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

    /** A frame from a segment. */
    public record Deliver(Arrival arrival) implements Command {
    }

    private final NodeSpec spec;
    private final int index;
    private final int nodeCount;
    private final Map<NodeInterface, MacAddress> macs;
    private final Tracing tracing;
    private final Map<String, ActorRef<SegmentActor.Command>> segments = new HashMap<>();
    private ActorRef<LabActor.Command> lab;
    private NodeElement element;
    private long arrived;
    private Run waiting;

    private NodeActor(ActorContext<Command> context, NodeSpec spec, int index, int nodeCount,
                      Map<NodeInterface, MacAddress> macs, Tracing tracing) {
        super(context);
        this.spec = spec;
        this.index = index;
        this.nodeCount = nodeCount;
        this.macs = macs;
        this.tracing = tracing;
    }

    /** Node {@code index} of {@code nodeCount}; it boots when wired. */
    public static Behavior<Command> create(NodeSpec spec, int index, int nodeCount,
                                           Map<NodeInterface, MacAddress> macs, Tracing tracing) {
        return Behaviors.setup(context -> new NodeActor(context, spec, index, nodeCount, Map.copyOf(macs), tracing));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wire.class, this::onWire)
                .onMessage(Run.class, this::onRun)
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(SendPacket.class, this::onSend)
                .onMessage(Execute.class, this::onExecute)
                .onMessage(Console.class, this::onConsole)
                .onMessage(Crash.class, this::onCrash)
                .onMessage(Restart.class, this::onRestart)
                .onMessage(Snapshot.class, this::onSnapshot)
                .build();
    }

    private Behavior<Command> onWire(Wire wire) {
        wire.segments().forEach(port -> segments.put(port.iface(), port.segment()));
        lab = wire.lab();
        try {
            element = new NodeElement(spec, index, nodeCount, macs, tracing);
            lab.tell(new LabActor.Wired(index, "", element.nextTimer()));
        } catch (UserInputException e) {
            lab.tell(new LabActor.Wired(index, e.getMessage(), Long.MAX_VALUE));
        }
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
        element.enqueue(deliver.arrival());
        arrived++;
        if (waiting != null && arrived >= waiting.expectedArrivals()) {
            Run run = waiting;
            waiting = null;
            onRun(run);
        }
        return this;
    }

    private Behavior<Command> onSend(SendPacket send) {
        report(element.send(send.packet(), send.instant()), Optional.empty());
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

    /** Frames to their segments, then the run's account to the lab. */
    private void report(NodeRun run, Optional<ConsoleResult> console) {
        for (Emitted emitted : run.frames()) {
            segments.get(emitted.iface()).tell(new SegmentActor.Carry(emitted.iface(), emitted.frame()));
        }
        lab.tell(new LabActor.Ran(index, run.frames().size(), run.notes(), run.finished(), console,
                element.nextTimer()));
    }
}
