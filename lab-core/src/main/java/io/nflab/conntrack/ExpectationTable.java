package io.nflab.conntrack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table's expectations (the kernel's nf_conntrack_expect.c): helpers add them, a new connection matching
 * one uses it up and becomes RELATED, they expire on the lab clock and die with their master.
 *
 * <p>Indexed by what every match compares exactly (destination address and port, protocol, zone), so a
 * new connection costs one hash lookup when no expectation is near it. Not thread-safe, like its table.
 */
public final class ExpectationTable {
    /** What {@link #add} made of an expectation, as {@code nf_ct_expect_related} answers. */
    public enum AddResult {
        /** In the table (an identical one of the same master was replaced). */
        ADDED,
        /** Another master's expectation would match the same connections ({@code -EBUSY}): try another port. */
        BUSY,
        /** The same expectation exists for another master or class ({@code -EALREADY}). */
        ALREADY,
        /** The master has its helper's maximum and none could be evicted, or the table holds {@code nf_conntrack_expect_max} ({@code -EMFILE}). */
        FULL
    }

    private final ConntrackTable table;
    private final Map<Long, List<Expectation>> byDestination = new HashMap<>();
    private int size;
    private long created;
    private long matched;
    private long deleted;

    ExpectationTable(ConntrackTable table) {
        this.table = table;
    }

    /**
     * Adds an expectation ({@code nf_ct_expect_related}): an identical one of the same master is replaced;
     * one of another master that would match the same connections makes this one {@link AddResult#BUSY};
     * when the master already has {@code maxExpected} expectations of the class (0: no limit) its oldest is
     * evicted.
     */
    public AddResult add(Expectation expectation, int maxExpected, long now) {
        List<Expectation> bucket = byDestination.get(key(expectation.tuple(), expectation.zone()));
        if (bucket != null) {
            for (Iterator<Expectation> it = bucket.iterator(); it.hasNext();) {
                Expectation other = it.next();
                if (other.isExpired(now)) {
                    it.remove();
                    size--;
                    deleted++;
                } else if (other.master() == expectation.master() && other.tuple().equals(expectation.tuple())
                        && other.anySourcePort() == expectation.anySourcePort()) {
                    if (other.expectClass() != expectation.expectClass()) {
                        return AddResult.ALREADY;
                    }
                    it.remove();
                    size--;
                    deleted++;
                } else if (other.clashesWith(expectation)) {
                    return AddResult.BUSY;
                }
            }
        }
        if (maxExpected > 0) {
            List<Expectation> own = ofMaster(expectation.master(), expectation.expectClass(), now);
            if (own.size() >= maxExpected) {
                remove(own.get(0));
                if (own.size() - 1 >= maxExpected) {
                    return AddResult.FULL;
                }
            }
        }
        if (size >= table.settings().get(ConntrackSysctl.EXPECT_MAX)) {
            return AddResult.FULL;
        }
        byDestination.computeIfAbsent(key(expectation.tuple(), expectation.zone()), k -> new ArrayList<>(2))
                .add(expectation);
        size++;
        created++;
        return AddResult.ADDED;
    }

    /** Removes an expectation ({@code nf_ct_unexpect_related}); false when it was not in the table. */
    public boolean remove(Expectation expectation) {
        Long key = key(expectation.tuple(), expectation.zone());
        List<Expectation> bucket = byDestination.get(key);
        if (bucket == null || !bucket.remove(expectation)) {
            return false;
        }
        size--;
        deleted++;
        if (bucket.isEmpty()) {
            byDestination.remove(key);
        }
        return true;
    }

    /**
     * The expectation a new connection with this original tuple matches, taken out of the table
     * ({@code nf_ct_find_expectation} with unlink); only expectations of a confirmed, live master count.
     */
    Optional<Expectation> take(ConntrackTuple original, int zone, long now) {
        Long key = key(original, zone);
        List<Expectation> bucket = byDestination.get(key);
        if (bucket == null) {
            return Optional.empty();
        }
        for (Iterator<Expectation> it = bucket.iterator(); it.hasNext();) {
            Expectation candidate = it.next();
            if (candidate.isExpired(now)) {
                it.remove();
                size--;
                deleted++;
            } else if (candidate.matches(original, zone)) {
                ConntrackEntry master = candidate.master();
                if (!master.isConfirmed() || (master.status() & ConntrackStatus.DYING) != 0) {
                    break;
                }
                it.remove();
                size--;
                deleted++;
                if (bucket.isEmpty()) {
                    byDestination.remove(key);
                }
                matched++;
                return Optional.of(candidate);
            }
        }
        if (bucket.isEmpty()) {
            byDestination.remove(key);
        }
        return Optional.empty();
    }

    /** The live expectations, oldest deadline first (then by master id). */
    public List<Expectation> list(long now) {
        expire(now);
        List<Expectation> all = new ArrayList<>(size);
        byDestination.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong(Expectation::deadlineNanos).thenComparingInt(e -> e.master().id()));
        return all;
    }

    /** The number of live expectations. */
    public int count(long now) {
        expire(now);
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** How many expectations were ever added ({@code expect_create} of {@code conntrack -S expect}). */
    public long created() {
        return created;
    }

    /** How many new connections were expected ones ({@code expect_new}). */
    public long matched() {
        return matched;
    }

    /** How many expectations left the table, used up, replaced, expired or with their master ({@code expect_delete}). */
    public long deleted() {
        return deleted;
    }

    /** Removes every expectation ({@code conntrack -F expect}); answers how many there were. */
    public int flush() {
        int removed = size;
        deleted += removed;
        byDestination.clear();
        size = 0;
        return removed;
    }

    /** The master's live expectations of one class, oldest first (insertion order within the deadline). */
    private List<Expectation> ofMaster(ConntrackEntry master, int expectClass, long now) {
        List<Expectation> own = new ArrayList<>();
        for (Expectation e : list(now)) {
            if (e.master() == master && e.expectClass() == expectClass) {
                own.add(e);
            }
        }
        return own;
    }

    /** Forgets the expectations of a connection that died ({@code nf_ct_remove_expectations}). */
    void removeMaster(ConntrackEntry master) {
        for (Iterator<List<Expectation>> buckets = byDestination.values().iterator(); buckets.hasNext();) {
            List<Expectation> bucket = buckets.next();
            int before = bucket.size();
            bucket.removeIf(e -> e.master() == master);
            size -= before - bucket.size();
            deleted += before - bucket.size();
            if (bucket.isEmpty()) {
                buckets.remove();
            }
        }
    }

    private void expire(long now) {
        for (Iterator<List<Expectation>> buckets = byDestination.values().iterator(); buckets.hasNext();) {
            List<Expectation> bucket = buckets.next();
            int before = bucket.size();
            bucket.removeIf(e -> e.isExpired(now));
            size -= before - bucket.size();
            deleted += before - bucket.size();
            if (bucket.isEmpty()) {
                buckets.remove();
            }
        }
    }

    private static Long key(ConntrackTuple tuple, int zone) {
        return (long) tuple.dstBits() << 32 ^ (long) tuple.protocol() << 24 ^ (long) TupleKeys.b(tuple.low()) << 8
                ^ (long) zone << 40;
    }
}
