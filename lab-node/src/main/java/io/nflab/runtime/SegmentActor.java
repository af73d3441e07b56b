package io.nflab.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.nflab.kernel.NodeInterface;
import io.nflab.lab.Arrival;
import io.nflab.lab.LabFrame;
import io.nflab.lab.LabWires;
import io.nflab.lab.SegmentLoss;
import io.nflab.lab.SegmentSwitch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One lab segment: a thin shell over its {@link SegmentSwitch}, a Cluster Sharding entity
 * ({@link ElementSharding}) booted by its lab ({@link Boot}) and wired with its ports' refs ({@link Wire}).
 * Each frame a node hands it ({@link Carry}) goes to the ports the switch picks, arriving
 * {@link LabWires#LINK_DELAY_NANOS} after it was sent; the lab hears which nodes will get it
 * ({@link LabActor.Carried}), which is how it knows when nothing is in flight.
 */
public final class SegmentActor extends AbstractBehavior<SegmentActor.Command> {

    /** What a segment actor is told. */
    public sealed interface Command extends NflabSerializable {
    }

    /** Boot as segment {@code name} with these ports; answered with {@link LabActor.SegmentBooted}. */
    public record Boot(String name, List<NodeInterface> ports, ActorRef<LabActor.Command> lab) implements Command {
        public Boot {
            ports = List.copyOf(ports);
        }
    }

    /** The ports' node refs, wiring {@code generation}; answered with {@link LabActor.Wired}. */
    public record Wire(int generation, List<Port> ports) implements Command {
        public Wire {
            ports = List.copyOf(ports);
        }
    }

    /** Node {@code node}'s interface {@code iface} is plugged in here. */
    public record Port(String node, String iface, ActorRef<NodeActor.Command> ref) {
    }

    /** A frame sent into the segment from the sender's interface {@code fromIface}, in wiring {@code generation}. */
    public record Carry(int generation, String fromIface, LabFrame frame) implements Command {
    }

    /** From now on the segment loses {@code percent} of its frames; answered with {@link LabActor.LossSet}. */
    public record SetLoss(double percent) implements Command {
    }

    /** The lab is closed: the segment stops. */
    public enum Stop implements Command {
        INSTANCE
    }

    private final Map<NodeInterface, ActorRef<NodeActor.Command>> refs = new HashMap<>();
    private SegmentSwitch segment;
    private ActorRef<LabActor.Command> lab;
    private int generation;

    private SegmentActor(ActorContext<Command> context) {
        super(context);
    }

    /** A segment entity ({@link ElementSharding}): it waits for its {@link Boot}. */
    public static Behavior<Command> entity() {
        return Behaviors.setup(SegmentActor::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Boot.class, this::onBoot)
                .onMessage(Wire.class, this::onWire)
                .onMessage(Carry.class, this::onCarry)
                .onMessage(SetLoss.class, this::onSetLoss)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<Command> onBoot(Boot boot) {
        if (segment == null) { // else the lab sent its Boot again before the answer reached it
            segment = new SegmentSwitch(boot.name(), boot.ports());
        }
        lab = boot.lab();
        lab.tell(new LabActor.SegmentBooted(boot.name(), getContext().getSelf()));
        return this;
    }

    private Behavior<Command> onWire(Wire wire) {
        refs.clear();
        wire.ports().forEach(port -> refs.put(new NodeInterface(port.node(), port.iface()), port.ref()));
        generation = wire.generation();
        lab.tell(new LabActor.Wired(generation));
        return this;
    }

    private Behavior<Command> onCarry(Carry carry) {
        LabFrame frame = carry.frame();
        SegmentSwitch.Carried carried = segment.carry(new NodeInterface(frame.fromNode(), carry.fromIface()), frame);
        long arrival = frame.sentNanos() + LabWires.LINK_DELAY_NANOS;
        List<String> to = new ArrayList<>(carried.to().size());
        for (NodeInterface port : carried.to()) {
            refs.get(port).tell(new NodeActor.Deliver(carry.generation(),
                    new Arrival(arrival, port.iface(), segment.name(), frame)));
            to.add(port.node());
        }
        lab.tell(new LabActor.Carried(carry.generation(), frame.origin(), frame.sequence(), arrival, to,
                carried.lost() ? SegmentLoss.notes(segment.name(), frame) : List.of()));
        return this;
    }

    private Behavior<Command> onSetLoss(SetLoss loss) {
        segment.loss(loss.percent());
        lab.tell(new LabActor.LossSet(generation, segment.name()));
        return this;
    }
}
