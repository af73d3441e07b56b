package io.nflab.netfilter.eval;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.CtDirection;
import io.nflab.netfilter.match.CtState;
import java.util.Objects;

/**
 * The {@link ConntrackView} of a packet that went through nflab's connection tracking
 * ({@link io.nflab.conntrack.ConntrackTable#track}): the packet path keeps one per packet (or reuses one)
 * and points it at each packet's {@link ConntrackResult} with {@link #of}. Tuple fields are read from the
 * entry's packed tuples when a rule asks for them, without making a tuple: reading allocates nothing.
 */
public final class TrackedConnection implements ConntrackView {
    private ConntrackResult result = ConntrackResult.UNTRACKED;
    private ConntrackEntry entry;
    private long now;

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
        return entry().sourceBits(CtDirection.ORIGINAL);
    }

    @Override
    public int originalDestination() {
        return entry().destinationBits(CtDirection.ORIGINAL);
    }

    @Override
    public int originalSourcePort() {
        return entry().sourceField(CtDirection.ORIGINAL);
    }

    @Override
    public int originalDestinationPort() {
        return entry().destinationField(CtDirection.ORIGINAL);
    }

    @Override
    public int replySource() {
        return entry().sourceBits(CtDirection.REPLY);
    }

    @Override
    public int replyDestination() {
        return entry().destinationBits(CtDirection.REPLY);
    }

    @Override
    public int replySourcePort() {
        return entry().sourceField(CtDirection.REPLY);
    }

    @Override
    public int replyDestinationPort() {
        return entry().destinationField(CtDirection.REPLY);
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

}
