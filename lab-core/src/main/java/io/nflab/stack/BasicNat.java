package io.nflab.stack;

import io.nflab.address.Ipv4Address;
import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.MasqueradeTarget;
import io.nflab.netfilter.target.NatRange;
import io.nflab.netfilter.target.NatTarget;
import io.nflab.netfilter.target.RedirectTarget;
import io.nflab.netfilter.target.Target;
import io.nflab.packet.Ipv4Packet;
import io.nflab.packet.PortTransport;

/**
 * NAT bindings as the kernel makes them in the common cases: the first address of the range, the range's
 * first port (or the packet's own port when the range has none), and for source NAT the next free port when
 * the chosen tuple is taken. The connection's reply tuple records the binding ({@code nf_conntrack_alter_reply});
 * every later packet is rewritten from the tuples, in both directions. Not modelled here: address hashing over
 * ranges, {@code --random}, {@code --persistent}, the quoted header of ICMP errors, helpers (io.nflab.nat).
 */
final class BasicNat implements NatLayer {
    private static final int ICMP = 1;
    private static final int LOW_PORTS = 1024;

    @Override
    public void bind(ConntrackTable table, ConntrackEntry entry, Hook hook, Target target, Ipv4Address local, long now) {
        ConntrackTuple current = entry.reply().invert().orElse(entry.original());
        boolean destination = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
        ConntrackTuple wanted;
        if (target instanceof NatTarget nat) {
            wanted = destination ? towards(current, nat.range(), current.dst(), true)
                    : towards(current, nat.range(), current.src(), false);
        } else if (target instanceof RedirectTarget redirect) {
            wanted = towards(current, redirect.ports(), hook == Hook.OUTPUT ? Ipv4Address.LOOPBACK : local, true);
        } else if (target instanceof MasqueradeTarget masquerade) {
            wanted = towards(current, masquerade.ports(), local, false);
        } else {
            throw new IllegalArgumentException("not a NAT target: " + target);
        }
        if (!destination) {
            wanted = freeSourcePort(table, entry, wanted, now);
        }
        ConntrackTuple reply = wanted.invert().orElseThrow();
        table.alterReply(entry, reply);
        entry.addStatus(destination ? ConntrackStatus.DST_NAT | ConntrackStatus.DST_NAT_DONE
                : ConntrackStatus.SRC_NAT | ConntrackStatus.SRC_NAT_DONE);
    }

    private static ConntrackTuple towards(ConntrackTuple tuple, NatRange range, Ipv4Address fallback, boolean dst) {
        Ipv4Address address = range.hasAddresses() ? range.minAddress() : fallback;
        int port = dst ? portOf(tuple, false) : portOf(tuple, true);
        if (range.hasPorts() && tuple.hasPorts()) {
            port = range.minPort();
        }
        return dst ? rebuild(tuple, tuple.src(), portOf(tuple, true), address, port)
                : rebuild(tuple, address, port, tuple.dst(), portOf(tuple, false));
    }

    /** Keeps the source port when the tuple is free, else takes the next free one in its class (as nf_nat_l4proto_unique_tuple). */
    private static ConntrackTuple freeSourcePort(ConntrackTable table, ConntrackEntry entry, ConntrackTuple wanted,
            long now) {
        ConntrackTuple candidate = wanted;
        if (!wanted.hasPorts()) {
            return wanted;
        }
        int low = wanted.sourcePort() < LOW_PORTS ? 1 : LOW_PORTS;
        int high = wanted.sourcePort() < LOW_PORTS ? LOW_PORTS - 1 : 65535;
        int span = high - low + 1;
        for (int i = 0; i < span; i++) {
            if (!table.isTupleTaken(candidate.invert().orElseThrow(), entry.zone(), entry, now)) {
                return candidate;
            }
            int port = low + (wanted.sourcePort() - low + i + 1) % span;
            candidate = rebuild(wanted, wanted.src(), port, wanted.dst(), wanted.destinationPort());
        }
        return wanted;
    }

    private static int portOf(ConntrackTuple tuple, boolean source) {
        if (tuple.hasPorts()) {
            return source ? tuple.sourcePort() : tuple.destinationPort();
        }
        if (tuple.protocol() == ICMP) {
            return source ? tuple.icmpId() : tuple.icmpType() << 8 | tuple.icmpCode();
        }
        return 0;
    }

    private static ConntrackTuple rebuild(ConntrackTuple like, Ipv4Address src, int a, Ipv4Address dst, int b) {
        return ConntrackTuple.of(like.protocol(), src.bits(), dst.bits(), a, b);
    }

    @Override
    public Ipv4Packet translate(ConntrackEntry entry, CtDirection direction, Hook hook, Ipv4Packet packet) {
        if (!anyNat(entry)) {
            return packet;
        }
        ConntrackTuple target = entry.tuple(direction.opposite()).invert().orElse(null);
        if (target == null) {
            return packet;
        }
        if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
            return rewrite(packet, false, target.dst(), portOf(target, false));
        }
        return rewrite(packet, true, target.src(), portOf(target, true));
    }

    private static boolean anyNat(ConntrackEntry entry) {
        return entry.hasStatus(ConntrackStatus.SRC_NAT) || entry.hasStatus(ConntrackStatus.DST_NAT);
    }

    private static Ipv4Packet rewrite(Ipv4Packet packet, boolean source, Ipv4Address address, int port) {
        Ipv4Packet out = packet;
        if (source && !packet.source().equals(address)) {
            out = out.withSource(address);
        } else if (!source && !packet.destination().equals(address)) {
            out = out.withDestination(address);
        }
        if (packet.transport() instanceof PortTransport ports) {
            int sport = source ? port : ports.sourcePort();
            int dport = source ? ports.destinationPort() : port;
            if (sport != ports.sourcePort() || dport != ports.destinationPort()) {
                out = out.withTransport(ports.withPorts(sport, dport));
            }
        }
        return out;
    }
}
