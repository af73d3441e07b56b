package io.nflab.netfilter.eval;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.netfilter.match.CtState;
import java.util.Objects;

/**
 * The {@link ConntrackView} of a packet that went through nflab's connection tracking
 * ({@link io.nflab.conntrack.ConntrackTable#track}): the packet path keeps one per packet (or reuses one)
 * and points it at each packet's {@link ConntrackResult} with {@link #of}. Tuples are read from the entry
 * only when a rule asks for them.
 */
public final class TrackedConnection implements ConntrackView {
    private ConntrackResult result = ConntrackResult.UNTRACKED;
    private ConntrackEntry entry;
    private long now;
    private ConntrackTuple original;
    private ConntrackTuple reply;

    /**
     * The view a rule sees for a conntrack result: {@link ConntrackView#UNTRACKED} for an untracked
     * packet, {@link ConntrackView#NONE} for an invalid one or one without an entry, otherwise a new
     * view of the entry.
     */
    public static ConntrackView viewOf(ConntrackResult tracked, long labNanos) {
        return view(tracked, labNanos, null);
    }

    /**
     * As {@link #viewOf}, but this object is the view of a packet with an entry: the packet path keeps one
     * per packet in the hooks and points it at each packet's result without making a new one.
     */
    public ConntrackView reuseFor(ConntrackResult tracked, long labNanos) {
        return view(tracked, labNanos, this);
    }

    private static ConntrackView view(ConntrackResult tracked, long labNanos, TrackedConnection reused) {
        return switch (tracked.state()) {
            case UNTRACKED -> ConntrackView.UNTRACKED;
            case INVALID -> ConntrackView.NONE;
            default -> tracked.entry() == null ? ConntrackView.NONE
                    : (reused == null ? new TrackedConnection() : reused).of(tracked, labNanos);
        };
    }

    /** Points this view at {@code tracked}, the conntrack result of the packet, at lab time {@code labNanos}. */
    public TrackedConnection of(ConntrackResult tracked, long labNanos) {
        result = Objects.requireNonNull(tracked, "tracked");
        entry = tracked.entry();
        now = labNanos;
        original = null;
        reply = null;
        return this;
    }

    @Override
    public CtState state() {
        return switch (result.state()) {
            case NEW -> CtState.NEW;
            case ESTABLISHED -> CtState.ESTABLISHED;
            case RELATED -> CtState.RELATED;
            case UNTRACKED -> CtState.UNTRACKED;
            case INVALID -> CtState.INVALID;
        };
    }

    @Override
    public boolean isReply() {
        return result.direction() == CtDirection.REPLY;
    }

    @Override
    public int status() {
        return entry().status();
    }

    @Override
    public int protocol() {
        return entry().protocol();
    }

    @Override
    public int originalSource() {
        return original().srcBits();
    }

    @Override
    public int originalDestination() {
        return original().dstBits();
    }

    @Override
    public int originalSourcePort() {
        return sourceField(original());
    }

    @Override
    public int originalDestinationPort() {
        return destinationField(original());
    }

    @Override
    public int replySource() {
        return reply().srcBits();
    }

    @Override
    public int replyDestination() {
        return reply().dstBits();
    }

    @Override
    public int replySourcePort() {
        return sourceField(reply());
    }

    @Override
    public int replyDestinationPort() {
        return destinationField(reply());
    }

    @Override
    public long expiresInSeconds() {
        // an unconfirmed entry has no deadline yet; the kernel's nf_ct_expires gives 0 for it
        return entry().isConfirmed() ? entry().remainingSeconds(now) : 0;
    }

    @Override
    public int zone() {
        return entry().zone();
    }

    @Override
    public long mark() {
        return entry().mark() & 0xffff_ffffL;
    }

    @Override
    public void setMark(long mark) {
        entry().setMark((int) mark);
    }

    private ConntrackEntry entry() {
        if (entry == null) {
            throw new IllegalStateException("a " + result.state() + " packet has no conntrack entry");
        }
        return entry;
    }

    private ConntrackTuple original() {
        if (original == null) {
            original = entry().original();
        }
        return original;
    }

    private ConntrackTuple reply() {
        if (reply == null) {
            reply = entry().reply();
        }
        return reply;
    }

    /** The tuple's first layer-4 field (the source port; ICMP's identifier), the kernel's {@code src.u.all}. */
    private static int sourceField(ConntrackTuple tuple) {
        return (int) (tuple.low() >>> 16) & 0xffff;
    }

    /** The tuple's second layer-4 field (the destination port; ICMP's type and code), {@code dst.u.all}. */
    private static int destinationField(ConntrackTuple tuple) {
        return (int) tuple.low() & 0xffff;
    }
}
