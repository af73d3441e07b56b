package io.nflab.conntrack.helper;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.conntrack.CtState;
import io.nflab.nat.Nat;
import io.nflab.nat.PayloadMangler;
import io.nflab.packet.Ipv4Packet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One network namespace's conntrack helpers (FTP) and the step the kernel's {@code nf_confirm} runs
 * before confirming a packet's connection: the connection's helper, then TCP sequence adjustment.
 *
 * <p>Helpers are attached as in current kernels: only explicitly, by the raw table's
 * {@code -j CT --helper NAME} ({@link #assign}); {@link #setAutomaticAssignment(boolean) automatic
 * assignment} by server port is what {@code net.netfilter.nf_conntrack_helper=1} did before Linux 6.0
 * (older articles assume it).
 */
public final class Helpers {
    private final List<ConntrackHelper> helpers;
    private boolean automaticAssignment;

    public Helpers(ConntrackTable table, Nat nat) {
        this.helpers = List.of(new FtpHelper(table, nat));
    }

    /** The helper called {@code name}, if nflab has it. */
    public Optional<ConntrackHelper> byName(String name) {
        return helpers.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The helpers' names. */
    public List<String> names() {
        return helpers.stream().map(ConntrackHelper::name).toList();
    }

    /** {@code net.netfilter.nf_conntrack_helper}: 1 attaches helpers to new connections by their server port. */
    public void setAutomaticAssignment(boolean on) {
        this.automaticAssignment = on;
    }

    public boolean automaticAssignment() {
        return automaticAssignment;
    }

    /**
     * Attaches the helper {@code name} to a new connection ({@code -j CT --helper}, the HELPER status bit).
     *
     * @throws IllegalArgumentException for a helper nflab does not have
     */
    public void assign(ConntrackEntry entry, String name) {
        Objects.requireNonNull(name, "name");
        if (byName(name).isEmpty()) {
            throw new IllegalArgumentException("no conntrack helper `" + name + "'; nflab has " + names());
        }
        entry.setHelper(name);
        entry.addStatus(ConntrackStatus.HELPER);
    }

    /**
     * The kernel's {@code nf_confirm} up to the confirmation: with automatic assignment a new connection
     * gets the helper of its reply tuple's source port; the connection's helper sees the packet
     * (not ICMP errors in reply direction); a connection with SEQ_ADJUST has the segment's sequence
     * numbers moved. The net stack calls this after POSTROUTING (or INPUT) and confirms the connection
     * with {@link ConntrackTable#confirm} if the packet was not dropped.
     */
    public HelperVerdict beforeConfirm(Ipv4Packet packet, ConntrackResult conntrack, long now) {
        if (!conntrack.tracked()) {
            return HelperVerdict.pass(packet);
        }
        ConntrackEntry ct = conntrack.entry();
        if (automaticAssignment && !ct.isConfirmed() && ct.helper().isEmpty() && ct.master().isEmpty()) {
            ConntrackTuple reply = ct.reply();
            helpers.stream().filter(h -> h.protocol() == reply.protocol() && h.port() == reply.sourcePort())
                    .findFirst().ifPresent(h -> ct.setHelper(h.name()));
        }
        boolean adjust = ct.hasStatus(ConntrackStatus.SEQ_ADJUST);
        Optional<String> named = ct.helper();
        Optional<ConntrackHelper> helper = named.isEmpty() ? Optional.empty() : byName(named.get());
        if (helper.isEmpty() && !adjust
                || conntrack.state() == CtState.RELATED && conntrack.direction() == CtDirection.REPLY) {
            return HelperVerdict.pass(packet);
        }
        Ipv4Packet out = packet;
        if (helper.isPresent()) {
            HelperVerdict verdict = helper.get().help(packet, conntrack, now);
            if (verdict.dropped()) {
                return verdict;
            }
            out = verdict.packet();
        }
        if (adjust) {
            out = PayloadMangler.adjustSequence(out, ct, conntrack.direction());
        }
        return HelperVerdict.pass(out);
    }
}
