package io.nflab.app;

import io.nflab.packet.Ipv4Packet;
import io.nflab.socket.SocketTable;
import io.nflab.socket.Transmission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiFunction;

/**
 * Runs one host's socket table against a scripted world: every packet the host sends is shown to a
 * responder that says what comes back and after how long. Time moves from event to event on a lab clock.
 */
final class ScriptedNetwork {
    /** A packet the world sends back {@code delay} nanoseconds after the host's packet left. */
    record Response(long delay, Ipv4Packet packet) {
    }

    private record Arrival(long time, long order, Ipv4Packet packet) {
    }

    private final SocketTable host;
    private final BiFunction<Ipv4Packet, Long, List<Response>> responder;
    private final PriorityQueue<Arrival> arrivals =
            new PriorityQueue<>(Comparator.comparingLong(Arrival::time).thenComparingLong(Arrival::order));
    private final List<Ipv4Packet> sent = new ArrayList<>();
    private long order;
    private long now;

    ScriptedNetwork(SocketTable host, BiFunction<Ipv4Packet, Long, List<Response>> responder) {
        this.host = host;
        this.responder = responder;
    }

    /** Runs until {@code program} finishes (or the clock passes {@code limit}); returns the time it finished. */
    long run(Program program, long limit) {
        while (!program.isFinished() && now <= limit) {
            Transmission transmission = host.poll(now);
            for (Ipv4Packet packet : transmission.packets()) {
                sent.add(packet);
                for (Response response : responder.apply(packet, now)) {
                    arrivals.add(new Arrival(now + response.delay(), order++, response.packet()));
                }
            }
            if (program.isFinished()) {
                break;
            }
            long next = transmission.nextDeadline();
            if (!arrivals.isEmpty()) {
                next = Math.min(next, arrivals.peek().time());
            }
            if (next == Long.MAX_VALUE) {
                break;
            }
            now = Math.max(now, next);
            while (!arrivals.isEmpty() && arrivals.peek().time() <= now) {
                host.deliver(arrivals.poll().packet(), now);
            }
        }
        return now;
    }

    List<Ipv4Packet> sent() {
        return List.copyOf(sent);
    }
}
