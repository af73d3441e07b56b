package io.nflab.conntrack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One network namespace's connection tracking table: the kernel's nf_conntrack core for IPv4 on a lab
 * clock. Pure and deterministic: time is a {@code long} of lab nanoseconds passed to every call (never the
 * wall clock); expired entries vanish lazily when looked up and all at once on {@link #advanceTo}.
 *
 * <p>The packet path calls {@link #track} where the kernel's conntrack hooks run (PREROUTING and OUTPUT,
 * priority -200), then {@link #confirm} where the kernel confirms (after POSTROUTING's SNAT, or INPUT's);
 * a packet dropped in between leaves no entry behind. NAT binds a new connection with {@link #alterReply}
 * before it is confirmed.
 *
 * <p>Not thread-safe: a table belongs to one net stack, which belongs to one actor.
 */
public final class ConntrackTable {
    /**
     * How many index slots around a new tuple's place early drop examines when the table is full; the
     * kernel looks at 8 hash buckets, each holding about two tuples when the table is full.
     */
    static final int EARLY_DROP_SLOTS = 16;
    /** The kernel's warning when a packet cannot get an entry. */
    public static final String TABLE_FULL = "nf_conntrack: table full, dropping packet";

    private final ConntrackStore store = new ConntrackStore();
    private final ExpectationTable expectations = new ExpectationTable(this);
    private ConntrackSettings settings;
    private int nextId = 1;
    /** No entry expires before this; {@link #advanceTo} does nothing until then. */
    private long earliestDeadline = Long.MAX_VALUE;
    private long statFound;
    private long statInvalid;
    private long statInsert;
    private long statInsertFailed;
    private long statDrop;
    private long statEarlyDrop;
    private long statError;

    /** A table with the kernel's default sysctls. */
    public ConntrackTable() {
        this(ConntrackSettings.defaults());
    }

    public ConntrackTable(ConntrackSettings settings) {
        this.settings = settings;
    }

    public ConntrackSettings settings() {
        return settings;
    }

    /** Replaces the sysctls; existing entries keep their deadlines until their next packet. */
    public void setSettings(ConntrackSettings settings) {
        this.settings = settings;
    }

    /**
     * The value of a {@code net.netfilter.nf_conntrack_*} sysctl, including the read-only
     * {@code nf_conntrack_count}; empty for a key this table does not have.
     */
    public Optional<Long> sysctl(String key, long now) {
        if (key.replace('/', '.').equals(ConntrackSysctl.PREFIX + "nf_conntrack_count")) {
            return Optional.of((long) count(now));
        }
        return ConntrackSysctl.byKey(key).map(s -> (long) settings.get(s));
    }

    /**
     * Tracks one packet, the kernel's {@code nf_conntrack_in}: finds its connection or makes a new,
     * unconfirmed one, runs the protocol tracker, and answers the packet's state. ICMP errors are RELATED to
     * the connection whose datagram they quote.
     */
    public ConntrackResult track(ConntrackPacket packet, long now) {
        if (packet.protocol() == Protocols.ICMP) {
            int type = packet.icmpType();
            if (type > IcmpTracker.MAX_KNOWN_TYPE) {
                statError++;
                return ConntrackResult.invalid("invalid icmp type");
            }
            if (IcmpTracker.isError(type)) {
                return relatedToQuoted(packet, now);
            }
        }
        while (true) {
            long high = packet.keyHigh();
            long low = packet.keyLow();
            ConntrackEntry ct;
            int dir;
            int ref = lookup(high, low, now);
            if (ref >= 0) {
                ct = store.at(ref >>> 1);
                dir = ref & 1;
            } else {
                long replyLow = TupleKeys.invertLow(low);
                if (replyLow < 0) {
                    statInvalid++;
                    return ConntrackResult.invalid("not a valid part of a connection");
                }
                if (!makeRoom(high, low, now)) {
                    statDrop++;
                    return ConntrackResult.drop(TABLE_FULL);
                }
                ct = new ConntrackEntry(high, low, TupleKeys.swap(high), replyLow);
                ct.flags = settings.acct() ? ConntrackEntry.FLAG_ACCT : 0;
                dir = 0;
                if (!expectations.isEmpty()) {
                    expected(ct, now);
                }
            }
            CtState state = dir == 1 || ct.seenReply() ? CtState.ESTABLISHED
                    : (ct.status & ConntrackStatus.EXPECTED) != 0 ? CtState.RELATED : CtState.NEW;
            TrackVerdict verdict = trackProtocol(ct, packet, dir, now);
            if (verdict == TrackVerdict.REPEAT) {
                kill(ct);
                continue;
            }
            if (verdict.isInvalid()) {
                statInvalid++;
                return ConntrackResult.invalid(verdict.reason());
            }
            if (dir == 1 && (ct.status & ConntrackStatus.SEEN_REPLY) == 0) {
                ct.status |= ConntrackStatus.SEEN_REPLY;
            }
            if (verdict == TrackVerdict.KILL) {
                kill(ct);
            } else {
                noteDeadline(ct);
            }
            return new ConntrackResult(state, CtDirection.of(dir), ct, false, null);
        }
    }

    /**
     * Confirms the connection of a packet that leaves the box or is delivered locally (the kernel's
     * {@code __nf_conntrack_confirm}): a new entry enters the table. Other packets need nothing. Answers
     * false when the entry clashes with one already in the table (possible only through NAT bindings), in
     * which case the packet must be dropped, as the kernel does.
     */
    public boolean confirm(ConntrackResult result, long now) {
        ConntrackEntry ct = result.entry();
        if (ct == null || result.direction() != CtDirection.ORIGINAL || ct.isConfirmed()
                || (ct.status & ConntrackStatus.DYING) != 0) {
            return true;
        }
        if (lookup(ct.origHigh, ct.origLow, now) >= 0 || lookup(ct.replyHigh, ct.replyLow, now) >= 0) {
            statInsertFailed++;
            statDrop++;
            return false;
        }
        insert(ct);
        return true;
    }

    /** The connection with {@code tuple} as its original or reply tuple in {@code zone}, if any. */
    public Optional<TupleMatch> find(ConntrackTuple tuple, int zone, long now) {
        int ref = lookup(tuple.high(), TupleKeys.withZone(tuple.low(), zone), now);
        if (ref < 0) {
            return Optional.empty();
        }
        return Optional.of(new TupleMatch(store.at(ref >>> 1), CtDirection.of(ref & 1)));
    }

    /**
     * The connection an ICMP error quoting a datagram with tuple {@code quoted} and sent to
     * {@code outerDestination} is about (the kernel's {@code nf_conntrack_inet_error}): the quoted tuple is
     * inverted and looked up, and the found direction's destination must be the error's destination.
     */
    public Optional<TupleMatch> findRelated(ConntrackTuple quoted, int outerDestination, int zone, long now) {
        long invertedLow = TupleKeys.invertLow(TupleKeys.withZone(quoted.low(), zone));
        if (invertedLow < 0) {
            return Optional.empty();
        }
        int ref = lookup(TupleKeys.swap(quoted.high()), invertedLow, now);
        if (ref < 0) {
            return Optional.empty();
        }
        ConntrackEntry ct = store.at(ref >>> 1);
        int dir = ref & 1;
        long high = dir == 0 ? ct.origHigh : ct.replyHigh;
        if (TupleKeys.dst(high) != outerDestination) {
            return Optional.empty();
        }
        return Optional.of(new TupleMatch(ct, CtDirection.of(dir)));
    }

    /**
     * The kernel's {@code init_conntrack} for an expected connection: the matching expectation is used
     * up, the new connection gets its master, the EXPECTED bit and the master's mark, and the
     * expectation's function (NAT following the master) runs on it.
     */
    private void expected(ConntrackEntry ct, long now) {
        expectations.take(ct.original(), ct.zone(), now).ifPresent(exp -> {
            ct.master = exp.master();
            ct.status |= ConntrackStatus.EXPECTED;
            ct.mark = exp.master().mark;
            if (exp.expectFn() != null) {
                exp.expectFn().expected(ct, exp, now);
            }
        });
    }

    /** The table's expectations, which helpers add to and new connections use up. */
    public ExpectationTable expectations() {
        return expectations;
    }

    private ConntrackResult relatedToQuoted(ConntrackPacket packet, long now) {
        return findRelated(packet.quoted(), TupleKeys.dst(packet.keyHigh()), packet.zone(), now)
                .map(m -> new ConntrackResult(CtState.RELATED, m.direction(), m.entry(), false, null))
                .orElseGet(() -> {
                    statError++;
                    return ConntrackResult.invalid("ICMP error about no tracked connection");
                });
    }

    /**
     * Whether another live connection already uses {@code tuple} (in either direction), the kernel's
     * {@code nf_conntrack_tuple_taken}, which NAT asks before choosing a reply tuple. A connection with the
     * same original tuple as {@code ignored} does not count.
     */
    public boolean isTupleTaken(ConntrackTuple tuple, int zone, ConntrackEntry ignored, long now) {
        int ref = lookup(tuple.high(), TupleKeys.withZone(tuple.low(), zone), now);
        if (ref < 0) {
            return false;
        }
        ConntrackEntry other = store.at(ref >>> 1);
        if (other == ignored
                || ignored != null && other.origHigh == ignored.origHigh && other.origLow == ignored.origLow) {
            return false;
        }
        statFound++;
        return true;
    }

    /**
     * Binds NAT: the new connection's replies will carry {@code reply} (the kernel's
     * {@code nf_conntrack_alter_reply}). Only before confirmation, as in the kernel; the NAT code sets the
     * {@link ConntrackStatus#SRC_NAT}/{@link ConntrackStatus#DST_NAT} and {@code *_DONE} bits itself.
     */
    public void alterReply(ConntrackEntry entry, ConntrackTuple reply) {
        if (entry.isConfirmed()) {
            throw new IllegalStateException("a confirmed connection's reply tuple cannot change");
        }
        if (reply.protocol() != entry.protocol()) {
            throw new IllegalArgumentException("reply tuple of another protocol: " + reply);
        }
        entry.replyHigh = reply.high();
        entry.replyLow = TupleKeys.withZone(reply.low(), entry.zone());
    }

    /** Deletes a connection (conntrack -D); false when it was not in the table. */
    public boolean delete(ConntrackEntry entry) {
        if (entry.slot < 0 || store.at(entry.slot) != entry) {
            return false;
        }
        kill(entry);
        return true;
    }

    /** Deletes every connection (conntrack -F); answers how many there were. */
    public int flush() {
        int deleted = store.size();
        for (int i = 0; i < store.slabLimit(); i++) {
            ConntrackEntry entry = store.at(i);
            if (entry != null) {
                entry.status |= ConntrackStatus.DYING;
                entry.slot = -1;
            }
        }
        store.clear();
        expectations.flush();
        earliestDeadline = Long.MAX_VALUE;
        return deleted;
    }

    /** Removes every connection that has expired by {@code now}. */
    public void advanceTo(long now) {
        if (earliestDeadline > now) {
            return;
        }
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < store.slabLimit(); i++) {
            ConntrackEntry entry = store.at(i);
            if (entry == null) {
                continue;
            }
            if (entry.isExpired(now)) {
                kill(entry);
            } else if (entry.deadline < earliest) {
                earliest = entry.deadline;
            }
        }
        earliestDeadline = earliest;
    }

    /** The counters {@code conntrack -S} shows. */
    public ConntrackStats stats() {
        return new ConntrackStats(statFound, statInvalid, statInsert, statInsertFailed, statDrop, statEarlyDrop,
                statError);
    }

    /** The number of live connections, {@code nf_conntrack_count}. */
    public int count(long now) {
        advanceTo(now);
        return store.size();
    }

    /**
     * The live connections in the order nflab lists them: by id, i.e. oldest confirmed first. (The kernel
     * lists in hash-bucket order, which depends on a random seed.)
     */
    public List<ConntrackEntry> entries(long now) {
        advanceTo(now);
        List<ConntrackEntry> entries = new ArrayList<>(store.size());
        for (int i = 0; i < store.slabLimit(); i++) {
            ConntrackEntry entry = store.at(i);
            if (entry != null) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparingInt(ConntrackEntry::id));
        return entries;
    }

    /**
     * Creates a confirmed connection directly, as ctnetlink does for {@code conntrack -I}: the caller has
     * checked that neither tuple is in use ({@link #find}) and made room ({@link #makeRoom}). The protocol
     * tracker has not seen a packet: a TCP entry starts in {@code tcpState} with liberal window tracking, a
     * GRE entry with both timeouts 0 (so its first packet expires it, as in the kernel).
     */
    ConntrackEntry insertCreated(ConntrackTuple original, ConntrackTuple reply, int zone, int status,
            long timeoutNanos, int mark, TcpState tcpState, long now) {
        ConntrackEntry ct = new ConntrackEntry(original.high(), TupleKeys.withZone(original.low(), zone),
                reply.high(), TupleKeys.withZone(reply.low(), zone));
        ct.status = status;
        ct.mark = mark;
        ct.flags = settings.acct() ? ConntrackEntry.FLAG_ACCT : 0;
        ct.deadline = now + timeoutNanos;
        if (original.protocol() == Protocols.TCP) {
            ct.protoState = TcpTracker.createdState(tcpState);
        }
        insert(ct);
        return ct;
    }

    /**
     * The kernel's {@code nf_ct_set_closing}, which REJECT calls when it answers a TCP segment with a reset: a
     * confirmed TCP connection goes to CLOSE with CLOSE's timeout (unless it was in CLOSE already or its
     * timeout is fixed). Other protocols and unconfirmed entries are left alone.
     */
    public void setClosing(ConntrackEntry ct, long now) {
        if (ct.protocol() != Protocols.TCP || !ct.isConfirmed() || !TcpTracker.setClosing(ct)
                || ct.hasStatus(ConntrackStatus.FIXED_TIMEOUT)) {
            return;
        }
        ct.deadline = now + settings.tcpTimeoutNanos(TcpState.CLOSE.ordinal());
        noteDeadline(ct);
    }

    /** Sets a confirmed entry's timeout from now on (ctnetlink's update); false for FIXED_TIMEOUT entries. */
    boolean changeTimeout(ConntrackEntry ct, long timeoutNanos, long now) {
        if (ct.hasStatus(ConntrackStatus.FIXED_TIMEOUT)) {
            return false;
        }
        ct.deadline = now + timeoutNanos;
        noteDeadline(ct);
        return true;
    }

    /** Whether a new entry fits, evicting one if the table is full. */
    boolean makeRoom(long high, long low, long now) {
        int max = settings.get(ConntrackSysctl.MAX);
        if (max == 0 || store.size() < max) {
            return true;
        }
        advanceTo(now);
        return store.size() < max || earlyDrop(high, low);
    }

    /**
     * The kernel's {@code early_drop}: look near the new tuple's hash position for a connection that is not
     * ASSURED and drop it. Like the kernel, a full table of ASSURED connections drops the new packet.
     */
    private boolean earlyDrop(long high, long low) {
        int examined = 0;
        for (int pos = store.home(high, low); examined < EARLY_DROP_SLOTS
                && examined < store.capacity(); pos = store.nextSlot(pos)) {
            int ref = store.refAt(pos);
            if (ref < 0) {
                continue;
            }
            examined++;
            ConntrackEntry candidate = store.at(ref >>> 1);
            if ((candidate.status & ConntrackStatus.ASSURED) == 0) {
                kill(candidate);
                statEarlyDrop++;
                return true;
            }
        }
        return false;
    }

    private TrackVerdict trackProtocol(ConntrackEntry ct, ConntrackPacket packet, int dir, long now) {
        return switch (ct.protocol()) {
            case Protocols.TCP -> TcpTracker.packet(ct, packet, dir, now, settings);
            case Protocols.UDP, Protocols.UDPLITE -> UdpTracker.packet(ct, packet, dir, now, settings);
            case Protocols.ICMP -> IcmpTracker.packet(ct, packet, dir, now, settings);
            case Protocols.GRE -> GreTracker.packet(ct, packet, dir, now, settings);
            default -> GenericTracker.packet(ct, packet, dir, now, settings);
        };
    }

    /** A live entry's reference for a key, removing it on the way if it has expired. */
    private int lookup(long high, long low, long now) {
        int ref = store.find(high, low);
        if (ref >= 0 && store.at(ref >>> 1).isExpired(now)) {
            kill(store.at(ref >>> 1));
            return -1;
        }
        return ref;
    }

    private void insert(ConntrackEntry ct) {
        statInsert++;
        ct.id = nextId++;
        ct.status |= ConntrackStatus.CONFIRMED;
        store.add(ct);
        if (ct.master != null) {
            ct.master.children++;
        }
        noteDeadline(ct);
    }

    private void kill(ConntrackEntry ct) {
        if (ct.slot >= 0) {
            store.remove(ct);
            if (ct.master != null) {
                ct.master.children--;
            }
            if (!expectations.isEmpty()) {
                expectations.removeMaster(ct);
            }
        }
        ct.status |= ConntrackStatus.DYING;
    }

    /** Takes note of a confirmed entry's possibly earlier deadline (after a packet or an update). */
    void noteDeadline(ConntrackEntry ct) {
        if (ct.slot >= 0 && ct.deadline < earliestDeadline) {
            earliestDeadline = ct.deadline;
        }
    }
}
