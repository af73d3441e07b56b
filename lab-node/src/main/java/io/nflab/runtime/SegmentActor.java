package io.nflab.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.nflab.kernel.NodeInterface;
import io.nflab.lab.LabFrame;
import io.nflab.lab.LabWires;
import io.nflab.lab.SegmentLoss;
import io.nflab.lab.SegmentSwitch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lab segment: a thin shell over its {@link SegmentSwitch}, a Cluster Sharding entity
 * ({@link ElementSharding}) booted by its lab ({@link Boot}) and wired with its ports' refs ({@link Wire}).
 * The frames a node hands it ({@link Carry}, all those one interface sent at one instant) go to the ports the
 * switch picks, arriving {@link LabWires#LINK_DELAY_NANOS} after they were sent; the lab hears how many
 * frames each node will get and when ({@link LabActor.Carried}), which is how it knows when nothing is in flight.
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

    /** Node {@code node} (number {@code index} in the topology)'s interface {@code iface} is plugged in here. */
    public record Port(String node, int index, String iface, ActorRef<NodeActor.Command> ref) {
    }

    /**
     * Frames one node sent into the segment from its interface {@code fromIface} at one lab instant, in the
     * order it sent them, in wiring {@code generation}; answered with one {@link LabActor.Carried}.
     */
    public record Carry(int generation, String fromIface, List<LabFrame> frames) implements Command {
        public Carry {
            frames = List.copyOf(frames);
        }
    }

    /** From now on the segment loses {@code percent} of its frames; answered with {@link LabActor.LossSet}. */
    public record SetLoss(double percent) implements Command {
    }

    /** The lab is closed: the segment stops. */
    public enum Stop implements Command {
        INSTANCE
    }

    /** Frames for one port arriving at one instant. */
    private record Delivery(NodeInterface port, long nanos) {
    }

    private final Map<NodeInterface, Port> ports = new HashMap<>();
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
        ports.clear();
        wire.ports().forEach(port -> ports.put(new NodeInterface(port.node(), port.iface()), port));
        generation = wire.generation();
        lab.tell(new LabActor.Wired(generation));
        return this;
    }

    /**
     * Each frame to the ports the switch picks, in order; each port gets the frames for it in one
     * {@link NodeActor.Deliver} per arrival instant, and the lab hears where they all went in one message.
     */
    private Behavior<Command> onCarry(Carry carry) {
        Map<Delivery, List<LabFrame>> deliveries = new LinkedHashMap<>();
        List<LabActor.LostFrame> lost = new ArrayList<>(0);
        NodeInterface from = carry.frames().isEmpty() ? null
                : new NodeInterface(carry.frames().get(0).fromNode(), carry.fromIface()); // one sender per Carry
        for (LabFrame frame : carry.frames()) {
            SegmentSwitch.Carried carried = segment.carry(from, frame);
            if (carried.lost()) {
                lost.add(new LabActor.LostFrame(frame.origin(), frame.sequence(), SegmentLoss.notes(segment.name(),
                        frame)));
            }
            long arrival = frame.sentNanos() + LabWires.LINK_DELAY_NANOS;
            for (NodeInterface port : carried.to()) {
                deliveries.computeIfAbsent(new Delivery(port, arrival), d -> new ArrayList<>()).add(frame);
            }
        }
        List<LabActor.Landing> landings = new ArrayList<>(deliveries.size());
        deliveries.forEach((delivery, frames) -> {
            Port port = ports.get(delivery.port());
            port.ref().tell(new NodeActor.Deliver(carry.generation(), delivery.nanos(), port.iface(), segment.name(),
                    frames));
            landings.add(new LabActor.Landing(port.index(), delivery.nanos(), frames.size()));
        });
        lab.tell(new LabActor.Carried(carry.generation(), landings, lost));
        return this;
    }

    private Behavior<Command> onSetLoss(SetLoss loss) {
        segment.loss(loss.percent());
        lab.tell(new LabActor.LossSet(generation, segment.name()));
        return this;
    }
}
