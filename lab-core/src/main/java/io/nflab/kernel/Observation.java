package io.nflab.kernel;

import io.nflab.packet.Ipv4Packet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the kernel did with one injection: whether the sending system call failed, and every frame
 * captured on any node interface (loopback included) from the injection until the lab was quiet,
 * in the order the kernel timestamped them. A frame crossing a link appears twice: {@code OUT} on the
 * sending interface and {@code IN} on the receiving one.
 */
public record Observation(Injection injection, Optional<SendFailure> failure, List<CapturedFrame> frames) {

    public Observation {
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(failure, "failure");
        frames = List.copyOf(frames);
    }

    /** Every frame captured on one interface, both directions. */
    public List<CapturedFrame> at(String node, String iface) {
        return select(f -> f.node().equals(node) && f.iface().equals(iface));
    }

    /**
     * The IPv4 packets an interface received for its node (not frames a bridge flooded to it that were
     * addressed to another MAC), as they arrived.
     */
    public List<Ipv4Packet> received(String node, String iface) {
        return packets(f -> f.node().equals(node) && f.iface().equals(iface) && f.direction() == Direction.IN
                && f.type() != PacketType.OTHERHOST);
    }

    /** The IPv4 packets a node sent out of an interface, as they left. */
    public List<Ipv4Packet> sent(String node, String iface) {
        return packets(f -> f.node().equals(node) && f.iface().equals(iface) && f.direction() == Direction.OUT);
    }

    /**
     * What came back to whoever injected: for a {@link LocalSend} the IPv4 packets the sending node
     * received on any interface but loopback (RSTs, ICMP errors, answers); for a {@link WireDelivery}
     * the IPv4 packets the node sent back out of the interface the frame arrived on.
     */
    public List<Ipv4Packet> returnedToSender() {
        if (injection instanceof WireDelivery delivery) {
            return sent(delivery.node(), delivery.iface());
        }
        return packets(f -> f.node().equals(injection.node()) && !f.iface().equals("lo")
                && f.direction() == Direction.IN && f.type() != PacketType.OTHERHOST);
    }

    /** One frame per line, for messages. */
    @Override
    public String toString() {
        return injection + failure.map(f -> " failed: " + f).orElse("") + frames.stream()
                .map(f -> "\n  " + f).collect(Collectors.joining());
    }

    private List<CapturedFrame> select(Predicate<CapturedFrame> which) {
        return frames.stream().filter(which).toList();
    }

    private List<Ipv4Packet> packets(Predicate<CapturedFrame> which) {
        return frames.stream().filter(which).flatMap(f -> f.ipv4().stream()).toList();
    }
}
