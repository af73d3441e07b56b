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
 * One lab segment: a thin shell over its {@link SegmentSwitch}. Each frame a node hands it ({@link Carry})
 * goes to the ports the switch picks, arriving {@link LabWires#LINK_DELAY_NANOS} after it was sent; the lab
 * hears which nodes will get it ({@link LabActor.Carried}), which is how it knows when nothing is in flight.
 */
public final class SegmentActor extends AbstractBehavior<SegmentActor.Command> {

    /** What a segment actor is told. */
    public sealed interface Command extends NflabSerializable {
    }

    /** The segment's ports and the lab. */
    public record Wire(List<Port> ports, ActorRef<LabActor.Command> lab) implements Command {
        public Wire {
            ports = List.copyOf(ports);
        }
    }

    /** Node {@code node}'s interface {@code iface} is plugged in here. */
    public record Port(String node, String iface, ActorRef<NodeActor.Command> ref) {
    }

    /** A frame sent into the segment from the sender's interface {@code fromIface}. */
    public record Carry(String fromIface, LabFrame frame) implements Command {
    }

    /** From now on the segment loses {@code percent} of its frames; answered with {@link LabActor.LossSet}. */
    public record SetLoss(double percent) implements Command {
    }

    private final SegmentSwitch segment;
    private final Map<NodeInterface, ActorRef<NodeActor.Command>> refs = new HashMap<>();
    private ActorRef<LabActor.Command> lab;

    private SegmentActor(ActorContext<Command> context, SegmentSwitch segment) {
        super(context);
        this.segment = segment;
    }

    public static Behavior<Command> create(String name, List<NodeInterface> ports) {
        return Behaviors.setup(context -> new SegmentActor(context, new SegmentSwitch(name, ports)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Wire.class, this::onWire)
                .onMessage(Carry.class, this::onCarry)
                .onMessage(SetLoss.class, this::onSetLoss)
                .build();
    }

    private Behavior<Command> onWire(Wire wire) {
        wire.ports().forEach(port -> refs.put(new NodeInterface(port.node(), port.iface()), port.ref()));
        lab = wire.lab();
        lab.tell(new LabActor.SegmentWired(segment.name()));
        return this;
    }

    private Behavior<Command> onCarry(Carry carry) {
        LabFrame frame = carry.frame();
        SegmentSwitch.Carried carried = segment.carry(new NodeInterface(frame.fromNode(), carry.fromIface()), frame);
        long arrival = frame.sentNanos() + LabWires.LINK_DELAY_NANOS;
        List<String> to = new ArrayList<>(carried.to().size());
        for (NodeInterface port : carried.to()) {
            refs.get(port).tell(new NodeActor.Deliver(new Arrival(arrival, port.iface(), segment.name(), frame)));
            to.add(port.node());
        }
        lab.tell(new LabActor.Carried(frame.origin(), frame.sequence(), arrival, to,
                carried.lost() ? SegmentLoss.notes(segment.name(), frame) : List.of()));
        return this;
    }

    private Behavior<Command> onSetLoss(SetLoss loss) {
        segment.loss(loss.percent());
        lab.tell(new LabActor.LossSet(segment.name()));
        return this;
    }
}
