package io.nflab.netfilter.eval;

/**
 * One xt_recent list ({@code --name}): at most {@link #MAX_ENTRIES} addresses (the module's
 * {@code ip_list_tot}), each with the jiffies of its last hits in a ring of {@code nstampsMask + 1}
 * slots, kept in least-recently-updated order; the oldest is evicted for a new address.
 */
final class RecentTable {
    /** The kernel's default {@code ip_list_tot}. */
    static final int MAX_ENTRIES = 100;

    private final int mask;
    private int nstampsMask;
    private final IntMap<Entry> byAddress = new IntMap<>();
    /** The least recently updated entry (the kernel's LRU list head). */
    private Entry oldest;
    private Entry newest;

    RecentTable(int mask, int nstampsMask) {
        this.mask = mask;
        this.nstampsMask = nstampsMask;
    }

    /** The address mask of the rule that created the list: every rule naming it uses this one. */
    int mask() {
        return mask;
    }

    int size() {
        return byAddress.size();
    }

    /** A rule needing more time stamps per address empties the list and enlarges it, as recent_mt_check does. */
    void requireStamps(int requiredMask) {
        if (requiredMask > nstampsMask) {
            flush();
            nstampsMask = requiredMask;
        }
    }

    void flush() {
        byAddress.clear();
        oldest = null;
        newest = null;
    }

    /** The entry for {@code address} whose TTL agrees with {@code ttl} (0 on either side agrees with any). */
    Entry lookup(int address, int ttl) {
        Entry entry = byAddress.get(address);
        if (entry != null && (ttl == entry.ttl || ttl == 0 || entry.ttl == 0)) {
            return entry;
        }
        return null;
    }

    Entry create(int address, int ttl, long jiffies) {
        if (byAddress.size() >= MAX_ENTRIES) {
            remove(oldest);
        }
        Entry entry = new Entry(address, ttl, nstampsMask + 1);
        entry.stamps[0] = jiffies;
        entry.count = 1;
        entry.index = 1;
        byAddress.put(address, entry);
        linkNewest(entry);
        return entry;
    }

    /** Records a hit now and makes the entry the most recently updated. */
    void update(Entry entry, long jiffies) {
        entry.index &= nstampsMask;
        entry.stamps[entry.index++] = jiffies;
        if (entry.index > entry.count) {
            entry.count = entry.index;
        }
        unlink(entry);
        linkNewest(entry);
    }

    void remove(Entry entry) {
        byAddress.remove(entry.address);
        unlink(entry);
    }

    /** {@code --reap}: drops the oldest entry when its last hit is before {@code time}, unless it is being updated. */
    void reap(long time, Entry working, boolean updating) {
        Entry candidate = oldest;
        if (candidate == null || candidate == working && updating) {
            return;
        }
        if (time - candidate.stamps[candidate.index - 1] > 0) {
            remove(candidate);
        }
    }

    private void linkNewest(Entry entry) {
        entry.older = newest;
        entry.newer = null;
        if (newest != null) {
            newest.newer = entry;
        } else {
            oldest = entry;
        }
        newest = entry;
    }

    private void unlink(Entry entry) {
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        } else {
            oldest = entry.newer;
        }
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        } else {
            newest = entry.older;
        }
        entry.older = null;
        entry.newer = null;
    }

    /** One address of the list: its TTL and hit time stamps (jiffies). */
    static final class Entry {
        final int address;
        int ttl;
        final long[] stamps;
        /** How many stamps are valid (the kernel's nstamps). */
        int count;
        /** Where the next stamp goes, before masking (the kernel's index). */
        int index;
        Entry older;
        Entry newer;

        Entry(int address, int ttl, int slots) {
            this.address = address;
            this.ttl = ttl;
            this.stamps = new long[slots];
        }
    }
}
