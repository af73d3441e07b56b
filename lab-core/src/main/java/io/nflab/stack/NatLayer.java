package io.nflab.stack;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.CtDirection;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.Target;
import io.nflab.packet.Ipv4Packet;

/**
 * The NAT side of the packet path, called at the nat hooks: {@link #bind} when the nat table asked for a
 * binding on a connection's first packet ({@code nf_nat_setup_info}), {@link #translate} for every packet of
 * a connection ({@code nf_nat_packet}). The stack calls nothing else, so replacing the implementation is
 * one constructor argument.
 */
interface NatLayer {

    /**
     * Binds the new (unconfirmed) connection {@code entry} as {@code target} (DNAT, SNAT, MASQUERADE,
     * REDIRECT) asks at {@code hook}; {@code local} is the address REDIRECT goes to and MASQUERADE takes
     * (the input interface's primary address, or the source routing chose for the output interface).
     */
    void bind(ConntrackTable table, ConntrackEntry entry, Hook hook, Target target, Ipv4Address local, long now);

    /** {@code packet} (of {@code entry}, in {@code direction}) rewritten as the connection's bindings say at {@code hook}. */
    Ipv4Packet translate(ConntrackEntry entry, CtDirection direction, Hook hook, Ipv4Packet packet);
}
