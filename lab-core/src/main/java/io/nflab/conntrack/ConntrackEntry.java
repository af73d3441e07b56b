package io.nflab.conntrack;

import java.util.Optional;

/**
 * One tracked connection, the kernel's {@code struct nf_conn}: original and reply tuples, status bits, the
 * protocol tracker's state, the expiry deadline on the lab clock, mark, zone, per-direction counters and
 * the helper.
 *
 * <p>Entries belong to their {@link ConntrackTable} and change as packets pass, like the kernel's; they are
 * not thread-safe (one net stack, one actor). To keep a million entries small an entry is a single object
 * of primitive fields (about 130 bytes): tuples are stored packed and built on demand.
 */
public final class ConntrackEntry {
    /** Internal flag: the entry has counters (nf_conntrack_acct was on when it was created). */
    static final int FLAG_ACCT = 1;

    /** 0 until confirmed. */
    int id;
    long origHigh;
    long origLow;
    long replyHigh;
    long replyLow;
    int status;
    int mark;
    /** Protocol tracker state; for TCP see {@link TcpTracker}'s bit layout. */
    int protoState;
    /** Index in the table's slab, -1 when not in a table. */
    int slot = -1;
    int flags;
    /** Number of entries whose {@link #master} this is (adds to the printed {@code use=}). */
    int children;
    long deadline;
    /** UDP: when the entry becomes a stream (kernel {@code stream_ts}). */
    long protoTimestamp;
    long origPackets;
    long origBytes;
    long replyPackets;
    long replyBytes;
    String helper;
    ConntrackEntry master;
    ConntrackExtensions extensions;

    ConntrackEntry(long origHigh, long origLow, long replyHigh, long replyLow) {
        this.origHigh = origHigh;
        this.origLow = origLow;
        this.replyHigh = replyHigh;
        this.replyLow = replyLow;
    }

    /**
     * The entry's id ({@code conntrack -L -o id}); nflab numbers entries 1, 2, … in the order they are
     * confirmed (the kernel's are hashes); 0 before confirmation.
     */
    public int id() {
        return id;
    }

    /** The tuple of the direction that opened the connection. */
    public ConntrackTuple original() {
        return ConntrackTuple.fromKey(origHigh, origLow);
    }

    /** The tuple replies carry; differs from the inverted original once NAT bound the connection. */
    public ConntrackTuple reply() {
        return ConntrackTuple.fromKey(replyHigh, replyLow);
    }

    /** The tuple of one direction. */
    public ConntrackTuple tuple(CtDirection direction) {
        return direction == CtDirection.ORIGINAL ? original() : reply();
    }

    /**
     * The inverse of {@code direction}'s tuple ({@link ConntrackTuple#invert()}), made without making the tuple
     * first: NAT's target for every packet of a translated connection.
     *
     * @throws IllegalStateException when the tuple has no inverse (an ICMP type without a partner)
     */
    public ConntrackTuple inverse(CtDirection direction) {
        long low = TupleKeys.invertLow(direction == CtDirection.ORIGINAL ? origLow : replyLow);
        if (low < 0) {
            throw new IllegalStateException("tuple without an inverse: " + tuple(direction));
        }
        return ConntrackTuple.fromKey(TupleKeys.swap(direction == CtDirection.ORIGINAL ? origHigh : replyHigh), low);
    }

    public int protocol() {
        return TupleKeys.protocol(origLow);
    }

    // One field of a direction's tuple, read without making the tuple (rules test them per packet).

    /** The source address of {@code direction}'s tuple, as {@link ConntrackTuple#srcBits()}. */
    public int sourceBits(CtDirection direction) {
        return TupleKeys.src(direction == CtDirection.ORIGINAL ? origHigh : replyHigh);
    }

    /** The destination address of {@code direction}'s tuple, as {@link ConntrackTuple#dstBits()}. */
    public int destinationBits(CtDirection direction) {
        return TupleKeys.dst(direction == CtDirection.ORIGINAL ? origHigh : replyHigh);
    }

    /** The first layer-4 field of {@code direction}'s tuple (the source port; ICMP's id), {@code src.u.all}. */
    public int sourceField(CtDirection direction) {
        return TupleKeys.a(direction == CtDirection.ORIGINAL ? origLow : replyLow);
    }

    /** The second layer-4 field of {@code direction}'s tuple (the destination port; ICMP's type and code). */
    public int destinationField(CtDirection direction) {
        return TupleKeys.b(direction == CtDirection.ORIGINAL ? origLow : replyLow);
    }

    public int zone() {
        return TupleKeys.zone(origLow);
    }

    /** The status bits, see {@link ConntrackStatus}. */
    public int status() {
        return status;
    }

    /** Whether all of {@code bits} are set. */
    public boolean hasStatus(int bits) {
        return (status & bits) == bits;
    }

    /**
     * Sets status bits, for the NAT and helper code ({@link ConntrackStatus#SRC_NAT_DONE}, {@link
     * ConntrackStatus#SEQ_ADJUST}, …). {@link ConntrackStatus#CONFIRMED} and {@link ConntrackStatus#DYING}
     * belong to the table and are refused.
     */
    public void addStatus(int bits) {
        if ((bits & (ConntrackStatus.CONFIRMED | ConntrackStatus.DYING)) != 0) {
            throw new IllegalArgumentException("CONFIRMED and DYING are set by the table");
        }
        status |= bits;
    }

    public boolean isConfirmed() {
        return (status & ConntrackStatus.CONFIRMED) != 0;
    }

    public boolean isAssured() {
        return (status & ConntrackStatus.ASSURED) != 0;
    }

    public boolean seenReply() {
        return (status & ConntrackStatus.SEEN_REPLY) != 0;
    }

    /** The connection mark ({@code CONNMARK}, {@code conntrack -m}). */
    public int mark() {
        return mark;
    }

    public void setMark(int mark) {
        this.mark = mark;
    }

    /** The TCP tracker's state, empty for other protocols. */
    public Optional<TcpState> tcpState() {
        return protocol() == Protocols.TCP ? Optional.of(TcpTracker.state(this)) : Optional.empty();
    }

    /** When the entry expires, in lab-clock nanoseconds. */
    public long deadlineNanos() {
        return deadline;
    }

    /** Whether the entry has expired at lab time {@code now} (the kernel's {@code nf_ct_is_expired}). */
    public boolean isExpired(long now) {
        return deadline <= now;
    }

    /** Whole seconds left at {@code now}, what {@code conntrack -L} prints: the kernel rounds down. */
    public long remainingSeconds(long now) {
        long left = deadline - now;
        return left <= 0 ? 0 : left / 1_000_000_000L;
    }

    /** Whether the entry counts packets and bytes (it does when nf_conntrack_acct was 1 at its creation). */
    public boolean hasCounters() {
        return (flags & FLAG_ACCT) != 0;
    }

    public long packets(CtDirection direction) {
        return direction == CtDirection.ORIGINAL ? origPackets : replyPackets;
    }

    public long bytes(CtDirection direction) {
        return direction == CtDirection.ORIGINAL ? origBytes : replyBytes;
    }

    /** The helper attached to the connection ({@code -j CT --helper ftp}), if any. */
    public Optional<String> helper() {
        return Optional.ofNullable(helper);
    }

    /** Attaches a helper by name; the helper code calls this. */
    public void setHelper(String name) {
        this.helper = name;
    }

    /** The connection this one was expected by, for a RELATED connection a helper announced. */
    public Optional<ConntrackEntry> master() {
        return Optional.ofNullable(master);
    }

    /**
     * What NAT and helpers attach to the connection (MASQUERADE interface, sequence adjustment, helper
     * data), created on first call.
     */
    public ConntrackExtensions extensions() {
        if (extensions == null) {
            extensions = new ConntrackExtensions();
        }
        return extensions;
    }

    /** Whether anything was attached with {@link #extensions()}. */
    public boolean hasExtensions() {
        return extensions != null;
    }

    /** The reference count the kernel would show as {@code use=} in a netlink dump. */
    int references() {
        return 1 + children;
    }

    void account(int direction, int length) {
        if ((flags & FLAG_ACCT) == 0) {
            return;
        }
        if (direction == 0) {
            origPackets++;
            origBytes += length;
        } else {
            replyPackets++;
            replyBytes += length;
        }
    }

    /** The kernel's {@code nf_ct_refresh_acct}: renew the timeout (unless fixed) and count the packet. */
    void refresh(int direction, long now, long timeoutNanos, int length) {
        long renewed = now + timeoutNanos;
        if ((status & ConntrackStatus.FIXED_TIMEOUT) == 0 && deadline != renewed) {
            deadline = renewed;
        }
        account(direction, length);
    }

    @Override
    public String toString() {
        return "ConntrackEntry#" + id + "[" + original() + " / " + reply() + "]";
    }
}
