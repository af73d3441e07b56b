package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpQuery;
import io.nflab.packet.IcmpType;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.TcpSegment;
import io.nflab.packet.UdpDatagram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * A tiny in-test network: socket tables of hosts joined by one wire with a fixed one-way latency. It
 * plays the hosts' stacks just enough: it delivers each packet to the table of its destination, answers
 * what no socket takes like the kernel (RST, ICMP port unreachable), answers echo requests, and lets a
 * test drop packets or answer them in a router's place ({@link #intercept}). Time moves from event to
 * event on a lab clock.
 */
public final class LabWire {
    /** A packet as it was sent, with the lab time. */
    public record Sent(long time, Ipv4Packet packet) {
    }

    private record InFlight(long arrival, long order, Ipv4Packet packet) {
    }

    private final long latency;
    private final Map<Ipv4Address, SocketTable> hosts = new LinkedHashMap<>();
    private final Map<SocketTable, Long> deadlines = new LinkedHashMap<>();
    private final PriorityQueue<InFlight> inFlight =
            new PriorityQueue<>(Comparator.comparingLong(InFlight::arrival).thenComparingLong(InFlight::order));
    private final List<Sent> log = new ArrayList<>();
    private final List<Function<Ipv4Packet, Optional<Optional<Ipv4Packet>>>> interceptors = new ArrayList<>();
    private long order;
    private long now;

    public LabWire(long latencyNanos) {
        this.latency = latencyNanos;
    }

    /** A host with {@code address}; every destination on the wire is routed from it, anything else has no route. */
    public SocketTable host(String address, long seed) {
        return host(address, SocketSettings.LINUX.withSeed(seed));
    }

    public SocketTable host(String address, SocketSettings settings) {
        Ipv4Address own = Ipv4Address.parse(address);
        SocketTable table = new SocketTable(settings, destination -> hosts.containsKey(destination)
                || destination.toString().startsWith("10.") ? Route.via(own) : Route.unreachable(Errno.ENETUNREACH));
        hosts.put(own, table);
        deadlines.put(table, Transmission.NO_DEADLINE);
        return table;
    }

    /**
     * Looks at every packet sent: {@code Optional.empty()} lets it through; {@code Optional.of(reply)}
     * drops it and sends {@code reply} instead when present (an ICMP error from a router, say).
     */
    public void intercept(Function<Ipv4Packet, Optional<Optional<Ipv4Packet>>> interceptor) {
        interceptors.add(interceptor);
    }

    /** Drops every packet {@code test} accepts. */
    public void drop(java.util.function.Predicate<Ipv4Packet> test) {
        intercept(packet -> test.test(packet) ? Optional.of(Optional.empty()) : Optional.empty());
    }

    public long now() {
        return now;
    }

    public List<Sent> log() {
        return List.copyOf(log);
    }

    public List<Ipv4Packet> packets() {
        return log.stream().map(Sent::packet).toList();
    }

    /** Runs every event up to and including {@code time}, then sets the clock to it. */
    public void runUntil(long time) {
        while (true) {
            pollAll();
            long next = Long.MAX_VALUE;
            if (!inFlight.isEmpty()) {
                next = inFlight.peek().arrival();
            }
            for (long deadline : deadlines.values()) {
                next = Math.min(next, deadline);
            }
            if (next > time) {
                now = Math.max(now, time);
                return;
            }
            now = Math.max(now, next);
            while (!inFlight.isEmpty() && inFlight.peek().arrival() <= now) {
                arrive(inFlight.poll().packet());
            }
        }
    }

    public void runFor(long nanos) {
        runUntil(now + nanos);
    }

    /** Sends a packet as if a host's stack had generated it (a crafted packet). */
    public void inject(Ipv4Packet packet) {
        send(packet);
    }

    private void pollAll() {
        for (Map.Entry<SocketTable, Long> entry : deadlines.entrySet()) {
            Transmission transmission = entry.getKey().poll(now);
            entry.setValue(transmission.nextDeadline());
            for (Ipv4Packet packet : transmission.packets()) {
                send(packet);
            }
        }
    }

    private void send(Ipv4Packet packet) {
        log.add(new Sent(now, packet));
        for (Function<Ipv4Packet, Optional<Optional<Ipv4Packet>>> interceptor : interceptors) {
            Optional<Optional<Ipv4Packet>> verdict = interceptor.apply(packet);
            if (verdict.isPresent()) {
                verdict.get().ifPresent(reply -> inFlight.add(new InFlight(now + latency, order++, reply)));
                return;
            }
        }
        inFlight.add(new InFlight(now + latency, order++, packet));
    }

    private void arrive(Ipv4Packet packet) {
        SocketTable table = hosts.get(packet.destination());
        if (table == null) {
            return;
        }
        if (packet.transport() instanceof IcmpQuery query && query.type().equals(IcmpType.ECHO_REQUEST)) {
            reply(packet.destination(), packet.source(), IcmpQuery.echoReply(query.identifier(), query.sequence(), query.payload()));
            return;
        }
        Delivery delivery = table.deliver(packet, now);
        if (delivery.matched()) {
            return;
        }
        if (packet.transport() instanceof TcpSegment) {
            TcpReset.replyTo(packet, 64).ifPresent(this::send);
        } else if (packet.transport() instanceof UdpDatagram) {
            reply(packet.destination(), packet.source(),
                    IcmpError.of(IcmpType.DESTINATION_UNREACHABLE, IcmpCode.PORT_UNREACHABLE, packet));
        }
    }

    private void reply(Ipv4Address from, Ipv4Address to, io.nflab.packet.Transport transport) {
        send(Ipv4Packet.builder().source(from).destination(to).transport(transport).build());
    }

    /** An ICMP error a router at {@code router} sends about {@code original}. */
    public static Ipv4Packet icmpError(String router, Ipv4Packet original, IcmpType type, int code) {
        return Ipv4Packet.builder().source(Ipv4Address.parse(router)).destination(original.source())
                .transport(IcmpError.of(type, code, original)).build();
    }
}
