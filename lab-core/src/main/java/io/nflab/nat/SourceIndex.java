package io.nflab.nat;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackStatus;
import io.nflab.conntrack.ConntrackTuple;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The kernel's {@code nf_nat_bysource} hash: every connection that got a source binding, found by its
 * original source (protocol, address, port or ICMP id, zone), so that a new connection from the same
 * source can reuse the same mapping ({@code find_appropriate_src}). Newest first, like the kernel's
 * {@code hlist_add_head}. Dead connections are dropped when met and swept out now and then.
 */
final class SourceIndex {
    private final Map<Key, Deque<ConntrackEntry>> bySource = new HashMap<>();
    private int added;
    private int sweepAt = 1024;

    private record Key(int protocol, int address, int a, int zone) {
    }

    void add(ConntrackEntry entry, long now) {
        ConntrackTuple original = entry.original();
        bySource.computeIfAbsent(key(original, entry.zone()), k -> new ArrayDeque<>(2)).addFirst(entry);
        if (++added >= sweepAt) {
            sweep(entry, now);
            added = 0;
            sweepAt = Math.max(1024, 2 * bySource.size());
        }
    }

    /** The live connections with this original source, newest first. */
    Iterable<ConntrackEntry> withSource(ConntrackTuple original, int zone, long now) {
        Deque<ConntrackEntry> entries = bySource.get(key(original, zone));
        if (entries == null) {
            return java.util.List.of();
        }
        entries.removeIf(e -> dead(e, now) || !e.isConfirmed());
        return entries;
    }

    private void sweep(ConntrackEntry current, long now) {
        for (Iterator<Deque<ConntrackEntry>> it = bySource.values().iterator(); it.hasNext();) {
            Deque<ConntrackEntry> entries = it.next();
            entries.removeIf(e -> e != current && (dead(e, now) || !e.isConfirmed()));
            if (entries.isEmpty()) {
                it.remove();
            }
        }
    }

    /**
     * Gone from the table or expired. An entry still unconfirmed when the index is searched or swept is
     * not the connection being set up (packets are handled one at a time and a binding is confirmed with
     * the same packet), so its packet was dropped: the kernel would have destroyed it.
     */
    private static boolean dead(ConntrackEntry entry, long now) {
        return entry.hasStatus(ConntrackStatus.DYING) || entry.isExpired(now);
    }

    private static Key key(ConntrackTuple original, int zone) {
        return new Key(original.protocol(), original.srcBits(), Tuples.a(original), zone);
    }
}
