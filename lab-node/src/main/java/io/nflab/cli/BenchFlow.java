package io.nflab.cli;

import io.nflab.address.Ipv4Address;
import io.nflab.diagnostics.UserInputException;
import io.nflab.lab.Activity;
import io.nflab.lab.Hop;
import io.nflab.lab.LabChecks;
import io.nflab.lab.LocalLab;
import io.nflab.lab.Tracing;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import io.nflab.topology.NodeSpec;
import io.nflab.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flow {@code nflab bench} sends: TCP SYNs written by node {@code from}'s stack, from the address of its
 * first interface to {@code destination:port}, each from the next source port of {@value #FIRST_PORT} to
 * {@value #LAST_PORT} (so each is a new connection until the ports come round again).
 */
record BenchFlow(String from, Ipv4Address source, Ipv4Address destination, int port) {
    static final int FIRST_PORT = 1024;
    static final int LAST_PORT = 65_535;
    /** How many packets the flow has before its source ports come round again. */
    static final int PORTS = LAST_PORT - FIRST_PORT + 1;

    /** What one packet of the flow causes in the lab, counted once on a {@link LocalLab} with hop traces. */
    record PerPacket(int packets, int hops) {
    }

    /**
     * The flow from node {@code from} of {@code topology} to {@code to} ({@code ADDR:PORT}).
     *
     * @throws UserInputException when the node does not exist or {@code to} is not an address and a port
     */
    static BenchFlow of(Topology topology, String from, String to) {
        NodeSpec node = LabChecks.node(topology, from);
        if (node.interfaces().isEmpty()) {
            throw new UserInputException("node " + from + " has no interface to send from");
        }
        int colon = to.lastIndexOf(':');
        Optional<Ipv4Address> destination = colon < 0 ? Optional.empty() : Ipv4Address.tryParse(to.substring(0, colon));
        Optional<Integer> port = colon < 0 ? Optional.empty() : port(to.substring(colon + 1));
        if (destination.isEmpty() || port.isEmpty()) {
            throw new UserInputException("bad --to `" + to + "': expected ADDR:PORT, an IPv4 address and a port 1-65535,"
                    + " e.g. 203.0.113.1:80");
        }
        return new BenchFlow(from, node.interfaces().get(0).address().address(), destination.get(), port.get());
    }

    private static Optional<Integer> port(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? Optional.of(port) : Optional.empty();
    }

    /** The {@code n}-th packet of the flow (n = 0, 1, …). */
    Ipv4Packet packet(long n) {
        return PacketText.parse("tcp " + source + ":" + (FIRST_PORT + n % PORTS) + " > " + destination + ":" + port
                + " flags S");
    }

    /** Packets {@code first} to {@code first + count - 1} of the flow. */
    List<Ipv4Packet> packets(long first, int count) {
        List<Ipv4Packet> packets = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            packets.add(packet(n));
        }
        return packets;
    }

    /**
     * Packets {@code first} to {@code first + count - 1} of a flow made of {@code cycle} over and over (the
     * flow's first packets, made once, so that a measurement does not time the making of packets).
     */
    static List<Ipv4Packet> window(List<Ipv4Packet> cycle, long first, int count) {
        int start = (int) (first % cycle.size());
        if (start + count <= cycle.size()) {
            return cycle.subList(start, start + count);
        }
        List<Ipv4Packet> packets = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            packets.add(cycle.get((int) (n % cycle.size())));
        }
        return packets;
    }

    /**
     * What the flow's second packet causes on {@code topology} (the first learns the neighbours' addresses):
     * how many packets in the lab (itself and the answers), and how many packet-hops (frames carrying them
     * arriving at a node).
     */
    PerPacket perPacket(Topology topology) {
        try (LocalLab lab = LocalLab.start(topology, Tracing.HOPS)) {
            lab.send(from, packet(0));
            Activity second = lab.send(from, packet(1));
            int hops = (int) second.packets().stream().flatMap(story -> story.trace().stream())
                    .filter(hop -> hop.hook().equals(Hop.WIRE) && !hop.inInterface().isEmpty()).count();
            return new PerPacket(second.packets().size(), hops);
        }
    }

    @Override
    public String toString() {
        return from + " -> " + destination + ":" + port + ": tcp SYNs from " + source + ", a new source port each";
    }
}
