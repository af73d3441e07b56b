package io.nflab.lab;

import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PacketText;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a packet's trace, like a TRACE target's log line: on {@code node}, at lab time
 * {@code nanos}, the packet passed {@code hook} (PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING, or
 * {@code routing}/{@code conntrack}/{@code wire} for the steps between hooks) in {@code table}/{@code chain}
 * ("" where none applies) and {@code what} happened: the rule number and target, the verdict, the NAT
 * rewrite, the conntrack state, the routing decision or the segment it crossed. A {@code wire} hop's
 * {@code what} ends with {@value #PACKET_SEPARATOR} and the packet in packet text as it went on or came off the
 * wire ({@code from client eth0 over lan: tcp …}, {@code sent out eth0: tcp …}): {@link #wirePacket()}.
 */
public record Hop(String node, long nanos, String inInterface, String outInterface, String hook, String table,
                  String chain, int rule, String what) {
    /** {@link #rule} when the hop is a chain's policy or no rule at all. */
    public static final int NO_RULE = 0;
    /** What separates a wire hop's text from the packet it carried. */
    public static final String PACKET_SEPARATOR = ": ";
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
    }

    /** The packet a {@code wire} hop carried, as it was on the wire; empty for other hops. */
    public Optional<Ipv4Packet> wirePacket() {
        int at = what.indexOf(PACKET_SEPARATOR);
        if (!hook.equals(WIRE) || at < 0) {
            return Optional.empty();
        }
        return Optional.of(PacketText.parse(what.substring(at + PACKET_SEPARATOR.length())));
    }

    /** The text a wire hop appends for the IPv4 packet it carried ("" for anything else, e.g. ARP). */
    public static String packetSuffix(Object payload) {
        return payload instanceof Ipv4Packet packet ? PACKET_SEPARATOR + PacketText.format(packet) : "";
    }
}
