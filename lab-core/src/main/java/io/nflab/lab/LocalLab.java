package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.scenario.Fault;
import io.nflab.stack.ConsoleResult;
import io.nflab.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lab in this thread: its elements and clock in an {@link ElementLoop}, and the packets' stories in a
 * {@link StoryBook}. Deterministic and single-threaded. The lab moves from instant to instant: at each, the
 * nodes with something due (a timer, an arriving frame) run in topology order, and the frames they send cross
 * their segment and arrive {@link LabWires#LINK_DELAY_NANOS} later. A call runs until no frame is in flight
 * (and, for a client, until the program exited); timers due later wait for the next call that moves the
 * clock. The actor runtime ({@code io.nflab.runtime.ActorLab}) runs the same elements in the same order.
 * Not thread-safe: one caller at a time.
 */
public final class LocalLab implements LabSession {
    private final Topology topology;
    private final StoryBook book;
    private final ElementLoop loop;
    private boolean closed;
    private ClientResult finished;

    private LocalLab(Topology topology, Tracing tracing) {
        this.topology = topology;
        this.book = tracing == Tracing.HOPS ? new StoryBook()
                : StoryBook.keepingLast(StoryBook.RECENT_STORIES);
        this.loop = new ElementLoop(topology, tracing, new ElementLoop.Reports() {
            @Override
            public void notes(List<StoryNote> notes) {
                book.addAll(notes);
            }

            @Override
            public void finished(ClientResult result) {
                finished = result;
            }
        });
    }

    /**
     * Boots every node of {@code topology} with full packet stories ({@link Tracing#HOPS}).
     *
     * @throws io.nflab.diagnostics.UserInputException when a node's ruleset or sysctl is refused
     */
    public static LocalLab start(Topology topology) {
        return start(topology, Tracing.HOPS);
    }

    /**
     * Boots every node of {@code topology}, keeping as much of each packet's story as {@code tracing} says: with
     * {@link Tracing#HOPS} every story with its hops for the lab's life, with {@link Tracing#ENDS} the stories
     * (without hops) of the last {@link StoryBook#RECENT_STORIES} packets, older ones being {@link #forgotten}.
     */
    public static LocalLab start(Topology topology, Tracing tracing) {
        return new LocalLab(Objects.requireNonNull(topology, "topology"), Objects.requireNonNull(tracing, "tracing"));
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long clock() {
        requireOpen();
        return loop.clock();
    }

    @Override
    public Activity send(String node, Ipv4Packet packet) {
        return sendAll(node, List.of(packet));
    }

    @Override
    public Activity sendAll(String node, List<Ipv4Packet> packets) {
        List<Ipv4Packet> batch = List.copyOf(packets);
        NodeElement element = node(node);
        CallRecord call = begin();
        if (!element.isUp()) {
            return call.finish(loop.clock(), book, new ConsoleResult(1, "", "nflab: " + node + " is down (crashed)\n"));
        }
        loop.sendAll(element, batch);
        loop.settle();
        return call.finish(loop.clock(), book);
    }

    @Override
    public Activity command(String node, List<String> argv, String stdin) {
        NodeElement element = node(node);
        CallRecord call = begin();
        Execution execution = element.execute(List.copyOf(argv), Objects.requireNonNull(stdin, "stdin"), loop.clock());
        if (execution.done().isPresent()) {
            return call.finish(loop.clock(), book, execution.done().get());
        }
        finished = null;
        loop.absorb(execution.run());
        while (finished == null) {
            long next = loop.nextEventTime();
            if (next == Long.MAX_VALUE) {
                throw new IllegalStateException(String.join(" ", argv) + " on " + node + " waits for nothing");
            }
            loop.step(next);
        }
        ClientResult result = finished;
        finished = null;
        loop.settle();
        return call.finish(loop.clock(), book, result);
    }

    @Override
    public Activity advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("the lab clock cannot go back: " + nanos);
        }
        CallRecord call = begin();
        long clock = loop.clock();
        loop.advanceTo(clock + nanos < clock ? Long.MAX_VALUE - 1 : clock + nanos);
        loop.settle();
        return call.finish(loop.clock(), book);
    }

    @Override
    public Activity fault(Fault fault) {
        LabChecks.check(topology, fault);
        CallRecord call = begin();
        long clock = loop.clock();
        call.event(LabChecks.event(fault, clock));
        if (fault instanceof Fault.Link link) {
            ConsoleResult result = loop.node(link.node()).console(LabChecks.linkCommand(link), clock);
            if (result.exitCode() != 0) {
                return call.finish(clock, book, result);
            }
        } else if (fault instanceof Fault.Crash crash) {
            loop.absorb(loop.node(crash.node()).crash(clock));
        } else if (fault instanceof Fault.Restart restart) {
            loop.absorb(loop.node(restart.node()).restart(clock));
        } else if (fault instanceof Fault.Loss loss) {
            loop.segment(loss.segment()).loss(loss.percent());
        }
        loop.settle();
        return call.finish(loop.clock(), book);
    }

    @Override
    public Optional<PacketStory> packet(long id) {
        requireOpen();
        return book.story(id);
    }

    @Override
    public boolean forgotten(long id) {
        requireOpen();
        return book.forgotten(id);
    }

    @Override
    public LabSnapshot snapshot() {
        requireOpen();
        Map<String, LabSnapshot.NodeState> states = new LinkedHashMap<>();
        long clock = loop.clock();
        for (NodeElement node : loop.nodes()) {
            states.put(node.name(), new LabSnapshot.NodeState(
                    node.console(List.of("iptables-save", "-c"), clock).stdout(),
                    node.console(List.of("conntrack", "-L"), clock).stdout()));
        }
        return new LabSnapshot(clock, states);
    }

    @Override
    public void close() {
        closed = true;
    }

    private NodeElement node(String name) {
        requireOpen();
        NodeElement element = loop.node(name);
        if (element == null) {
            LabChecks.node(topology, name); // throws: no such node
        }
        return element;
    }

    private CallRecord begin() {
        requireOpen();
        return new CallRecord(loop.clock(), book);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + topology.name() + " is closed");
        }
    }
}
