package io.nflab.lab;

import io.nflab.address.MacAddress;
import io.nflab.app.ServiceContext;
import io.nflab.kernel.NodeInterface;
import io.nflab.packet.EthernetFrame;
import io.nflab.packet.Ipv4Packet;
import io.nflab.stack.ConsoleResult;
import io.nflab.stack.Fate;
import io.nflab.stack.Lists;
import io.nflab.stack.NetStack;
import io.nflab.stack.FrameSink;
import io.nflab.stack.PacketWatcher;
import io.nflab.stack.StackHop;
import io.nflab.topology.NodeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * One lab node as a runtime element: its {@link NetStack}, the frames due to arrive on its interfaces,
 * the client program its console started, and the ids and story notes of its packets. The same class is
 * driven by {@link LocalLab} and by the node actor, so both runtimes do the same thing.
 *
 * <p>At one lab instant ({@link #run}) a node first fires its due timers, then handles the frames that
 * arrive at that instant in {@link Arrival#ORDER}, then fires the timers the frames made due. A frame for
 * another MAC (a segment flooding an unknown destination) is ignored, as a NIC filters it.
 *
 * <p>Packet ids: the k-th packet (k = 0, 1, …) node number i of n creates gets id {@code k * n + i + 1}:
 * unique in the lab, small, and the same in every runtime without any coordination. They stay on the wire:
 * users see packets numbered in creation order by the {@link StoryBook}.
 */
public final class NodeElement implements PacketWatcher {
    private final NodeSpec spec;
    private final int index;
    private final int nodeCount;
    private final Map<NodeInterface, MacAddress> macs;
    private final Tracing tracing;
    private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>(Arrival.ORDER);
    private NetStack stack;
    private RunningClient client;
    private long created;
    private long frameSequence;
    private long now;
    private final List<StoryNote> notes = new ArrayList<>();
    private final List<Emitted> frames = new ArrayList<>();
    /** Read-only views of {@link #notes} and {@link #frames}, what a {@link RunReader} sees. */
    private final List<StoryNote> notesView = Collections.unmodifiableList(notes);
    private final List<Emitted> framesView = Collections.unmodifiableList(frames);
    /** This node's MAC on each of its interfaces (looked up for every arriving frame). */
    private final Map<String, MacAddress> ownMacs = new HashMap<>();
    /** Where the stack puts the frames it sends: {@link #put}. */
    private final FrameSink wire = this::put;

    public NodeElement(NodeSpec spec, int index, int nodeCount, Map<NodeInterface, MacAddress> macs, Tracing tracing) {
        this.spec = spec;
        this.index = index;
        this.nodeCount = nodeCount;
        this.macs = macs;
        this.tracing = tracing;
        spec.interfaces().forEach(iface -> ownMacs.put(iface.name(), macs.get(new NodeInterface(spec.name(),
                iface.name()))));
        boot();
    }

    public String name() {
        return spec.name();
    }

    public int index() {
        return index;
    }

    public NodeSpec spec() {
        return spec;
    }

    /** Whether the node is up (not crashed). */
    public boolean isUp() {
        return stack != null;
    }

    /** The lab time of this node's next event: an arrival or a timer; {@link Long#MAX_VALUE} when none. */
    public long nextEventTime() {
        long arrival = arrivals.isEmpty() ? Long.MAX_VALUE : arrivals.peek().nanos();
        return stack == null ? arrival : Math.min(arrival, stack.nextDeadline());
    }

    /** The lab time of this node's next timer (arrivals aside); {@link Long#MAX_VALUE} when none or crashed. */
    public long nextTimer() {
        return stack == null ? Long.MAX_VALUE : stack.nextDeadline();
    }

    /** Whether a frame is due to arrive here. */
    public boolean hasArrivals() {
        return !arrivals.isEmpty();
    }

    /** A frame will arrive on one of this node's interfaces. */
    public void enqueue(Arrival arrival) {
        arrivals.add(arrival);
    }

    /**
     * What a node did in one call, handed over straight from the node's own lists: they are valid only during
     * {@link #ran}, and are cleared after it. The in-process loop reads them there instead of a {@link NodeRun}.
     */
    public interface RunReader {
        void ran(List<Emitted> frames, List<StoryNote> notes, Optional<ClientResult> finished);
    }

    /** Handles every timer and arrival due by {@code labNanos}. */
    public NodeRun run(long labNanos) {
        handleDue(labNanos);
        return collect();
    }

    /** As {@link #run}, handing what the node did to {@code reader} instead of making a {@link NodeRun}. */
    public void run(long labNanos, RunReader reader) {
        handleDue(labNanos);
        collect(reader);
    }

    /** One exact packet written by this node's stack (the scenario's {@code send}). */
    public NodeRun send(Ipv4Packet packet, long labNanos) {
        return sendAll(List.of(packet), labNanos);
    }

    /** Exact packets written by this node's stack one after the other at {@code labNanos} (a batch of sends). */
    public NodeRun sendAll(List<Ipv4Packet> packets, long labNanos) {
        packets.forEach(packet -> write(packet, labNanos));
        return collect();
    }

    /** As {@link #sendAll}, handing what the node did to {@code reader} instead of making a {@link NodeRun}. */
    public void sendAll(List<Ipv4Packet> packets, long labNanos, RunReader reader) {
        for (int i = 0; i < packets.size(); i++) {
            write(packets.get(i), labNanos);
        }
        collect(reader);
    }

    /** As {@link #send}, handing what the node did to {@code reader} instead of making a {@link NodeRun}. */
    public void send(Ipv4Packet packet, long labNanos, RunReader reader) {
        write(packet, labNanos);
        collect(reader);
    }

    private void handleDue(long labNanos) {
        now = labNanos;
        if (stack == null) {
            dropArrivals(labNanos);
            return;
        }
        tickDue();
        while (!arrivals.isEmpty() && arrivals.peek().nanos() <= labNanos) {
            arrive(arrivals.poll());
        }
        tickDue();
    }

    private void write(Ipv4Packet packet, long labNanos) {
        now = labNanos;
        requireUp();
        stack.send(packet, labNanos, wire);
    }

    /**
     * A console command: a client ({@link ClientCommands}) starts on the node's sockets, anything else goes
     * to the stack's console. A crashed node answers with exit code 1.
     */
    public Execution execute(List<String> argv, String stdin, long labNanos) {
        now = labNanos;
        if (stack == null) {
            return new Execution(Optional.of(new ConsoleResult(1, "", "nflab: " + name() + " is down (crashed)\n")),
                    NodeRun.NOTHING);
        }
        if (argv.isEmpty() || !ClientCommands.isClient(argv.get(0))) {
            return new Execution(Optional.of(stack.command(argv, stdin, labNanos)), NodeRun.NOTHING);
        }
        ClientCommands.Parsed parsed = ClientCommands.parse(argv, stdin);
        if (parsed instanceof ClientCommands.Refused refused) {
            return new Execution(Optional.of(refused.result()), NodeRun.NOTHING);
        }
        client = ((ClientCommands.Launch) parsed).starter().start(stack.sockets(), labNanos);
        stack.tick(labNanos, wire);
        return new Execution(Optional.empty(), collect());
    }

    /** A console command that must not start a client (reports and snapshots): the stack's console only. */
    public ConsoleResult console(List<String> argv, long labNanos) {
        now = labNanos;
        return stack == null ? new ConsoleResult(1, "", "nflab: " + name() + " is down (crashed)\n")
                : stack.command(argv, "", labNanos);
    }

    /** The node stops: its stack and everything in it are gone; frames arriving meanwhile are dropped. */
    public NodeRun crash(long labNanos) {
        now = labNanos;
        stack = null;
        abortClient();
        return collect();
    }

    /** The node starts again from its topology description. */
    public NodeRun restart(long labNanos) {
        now = labNanos;
        abortClient();
        boot();
        return collect();
    }

    private void boot() {
        stack = NetStack.boot(spec, macs, ServiceContext.of(spec.name()));
        stack.watch(this);
    }

    private void requireUp() {
        if (stack == null) {
            throw new IllegalStateException(name() + " is down");
        }
    }

    private void abortClient() {
        client = null;
    }

    private void tickDue() {
        int guard = 0;
        while (stack.nextDeadline() <= now) {
            if (++guard > 100_000) {
                throw new IllegalStateException(name() + ": timers keep falling due at " + now);
            }
            stack.tick(now, wire);
        }
    }

    private void arrive(Arrival arrival) {
        EthernetFrame frame = arrival.frame().frame();
        MacAddress mac = ownMacs.get(arrival.iface());
        if (!frame.destination().equals(mac) && !frame.destination().isBroadcast()
                && !frame.destination().isMulticast()) {
            return;
        }
        long id = arrival.frame().packetId();
        if (id != 0 && wantsHops()) {
            notes.add(new StoryNote.Stepped(id, Hop.wire(name(), now, arrival.iface(), "",
                    "from " + arrival.frame().fromNode() + " " + arrival.frame().fromIface() + " over "
                            + arrival.segment(), frame.payload())));
        }
        stack.receive(arrival.iface(), frame, id, now, wire);
    }

    private void dropArrivals(long labNanos) {
        while (!arrivals.isEmpty() && arrivals.peek().nanos() <= labNanos) {
            LabFrame frame = arrivals.poll().frame();
            if (frame.packetId() != 0 && frame.frame().payload() instanceof Ipv4Packet packet) {
                notes.add(new StoryNote.Ended(frame.packetId(),
                        new Fate.Dropped(name(), Optional.empty(), "node down", packet)));
            }
        }
    }

    /** A frame the stack sends: on the wire with this node's next frame sequence number. */
    private void put(String iface, EthernetFrame frame, long packetId) {
        frames.add(new Emitted(iface, new LabFrame(packetId, index, name(), iface, frameSequence++, now, frame)));
    }

    private NodeRun collect() {
        Optional<ClientResult> finished = finishedClient();
        if (frames.isEmpty() && notes.isEmpty() && finished.isEmpty()) {
            return NodeRun.NOTHING;
        }
        NodeRun run = new NodeRun(Lists.copyOf(frames), Lists.copyOf(notes), finished);
        frames.clear();
        notes.clear();
        return run;
    }

    private void collect(RunReader reader) {
        Optional<ClientResult> finished = finishedClient();
        try {
            reader.ran(framesView, notesView, finished);
        } finally {
            frames.clear();
            notes.clear();
        }
    }

    private Optional<ClientResult> finishedClient() {
        if (client != null && client.isFinished()) {
            Optional<ClientResult> finished = Optional.of(client.result());
            client = null;
            return finished;
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------- PacketWatcher

    @Override
    public long created(Ipv4Packet packet, long causeId) {
        long id = created++ * nodeCount + index + 1;
        notes.add(new StoryNote.Created(id, causeId, name(), now, packet));
        return id;
    }

    @Override
    public boolean wantsHops() {
        return tracing == Tracing.HOPS;
    }

    @Override
    public void hop(long id, StackHop hop) {
        notes.add(new StoryNote.Stepped(id, new Hop(name(), now, hop.inInterface(), hop.outInterface(), hop.hook(),
                hop.table(), hop.chain(), hop.rule(), hop.what())));
    }

    @Override
    public void fate(long id, Fate fate) {
        if (fate instanceof Fate.Sent sent) {
            if (wantsHops()) {
                notes.add(new StoryNote.Stepped(id, Hop.wire(name(), now, "", sent.iface(),
                        (sent.forwarded() ? "forwarded" : "sent") + " out " + sent.iface(), sent.packet())));
            }
        } else {
            notes.add(new StoryNote.Ended(id, fate));
        }
    }
}
