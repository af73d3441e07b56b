package io.nflab.stack;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackResult;
import io.nflab.conntrack.ConntrackTuple;
import io.nflab.conntrack.CtDirection;
import io.nflab.netfilter.eval.ConntrackView;
import io.nflab.netfilter.match.CtState;

/** The rule engine's view of a packet's conntrack entry ({@link ConntrackResult}), at lab time {@code now}. */
final class EntryView implements ConntrackView {
    private final ConntrackResult result;
    private final ConntrackEntry entry;
    private final long now;

    private EntryView(ConntrackResult result, long now) {
        this.result = result;
        this.entry = result.entry();
        this.now = now;
    }

    static ConntrackView of(ConntrackResult result, long now) {
        return switch (result.state()) {
            case UNTRACKED -> ConntrackView.UNTRACKED;
            case INVALID -> ConntrackView.NONE;
            default -> result.entry() == null ? ConntrackView.NONE : new EntryView(result, now);
        };
    }

    @Override
    public CtState state() {
        return CtState.valueOf(result.state().name());
    }

    @Override
    public boolean isReply() {
        return result.direction() == CtDirection.REPLY;
    }

    @Override
    public int status() {
        return entry.status();
    }

    @Override
    public int protocol() {
        return entry.protocol();
    }

    private ConntrackTuple original() {
        return entry.original();
    }

    private ConntrackTuple reply() {
        return entry.reply();
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
        return port(original(), true);
    }

    @Override
    public int originalDestinationPort() {
        return port(original(), false);
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
        return port(reply(), true);
    }

    @Override
    public int replyDestinationPort() {
        return port(reply(), false);
    }

    private static int port(ConntrackTuple tuple, boolean source) {
        if (tuple.hasPorts()) {
            return source ? tuple.sourcePort() : tuple.destinationPort();
        }
        if (tuple.protocol() == 1) {
            return source ? tuple.icmpId() : tuple.icmpType() << 8 | tuple.icmpCode();
        }
        return 0;
    }

    @Override
    public long expiresInSeconds() {
        return entry.isConfirmed() ? entry.remainingSeconds(now) : 0;
    }

    @Override
    public int zone() {
        return entry.zone();
    }

    @Override
    public long mark() {
        return Integer.toUnsignedLong(entry.mark());
    }

    @Override
    public void setMark(long mark) {
        entry.setMark((int) mark);
    }
}
