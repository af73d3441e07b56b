package io.nflab.lab;

import io.nflab.packet.EthernetPayload;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a packet's trace, like a TRACE target's log line: on {@code node}, at lab time
 * {@code nanos}, the packet passed {@code hook} (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, or
 * {@code routing}/{@code conntrack}/{@code wire} for the steps between hooks) in {@code table}/{@code chain}
 * ("" where none applies) and {@code what} happened: the rule number and target, the verdict, the NAT
 * rewrite, the conntrack state, the routing decision or the segment it crossed. A {@code wire} hop carries
 * the IPv4 packet as it went on or came off the wire ({@code wirePacket}); {@link #text()} prints it after
 * {@code what}: {@code from client eth0 over lan: tcp …}, {@code sent out eth0: tcp …}.
 */
public record Hop(String node, long nanos, String inInterface, String outInterface, String hook, String table,
                  String chain, int rule, String what, Optional<Ipv4Packet> wirePacket) {
    /** {@link #rule} when the hop is a chain's policy or no rule at all. */
    public static final int NO_RULE = 0;
    /** The {@code hook} of a hop on or off the wire. */
    public static final String WIRE = "wire";

    public Hop {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(inInterface, "inInterface");
        Objects.requireNonNull(outInterface, "outInterface");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(wirePacket, "wirePacket");
        if (wirePacket.isPresent() && !hook.equals(WIRE)) {
            throw new IllegalArgumentException("only a wire hop carries a packet, not a " + hook + " hop");
        }
    }

    /** A hop that carries no packet: every hop inside a node's stack. */
    public Hop(String node, long nanos, String inInterface, String outInterface, String hook, String table,
               String chain, int rule, String what) {
        this(node, nanos, inInterface, outInterface, hook, table, chain, rule, what, Optional.empty());
    }

    /** A hop on or off the wire; it carries {@code payload} when that is an IPv4 packet (not, e.g., for ARP). */
    public static Hop wire(String node, long nanos, String inInterface, String outInterface, String what,
                           EthernetPayload payload) {
        return new Hop(node, nanos, inInterface, outInterface, WIRE, "", "", NO_RULE, what,
                payload instanceof Ipv4Packet packet ? Optional.of(packet) : Optional.empty());
    }

    /** What happened, as a trace prints it: {@code what}, then for a wire hop {@code ": "} and its packet text. */
    public String text() {
        return wirePacket.map(packet -> what + ": " + PacketText.format(packet)).orElse(what);
    }
}
