package io.nflab.conntrack;

import java.util.Arrays;

/**
 * Where a table keeps its entries: a slab (array) of entries and an open-addressing hash index from each
 * entry's two tuples (original and reply, zone included) to the entry and direction.
 *
 * <p>An index slot is one {@code long}: the key hash's low 32 bits (which also give the home position) and
 * {@code slab index * 2 + direction + 1}; 0 is an empty slot. Linear probing, at most half full, deletion
 * by backward shift. A million entries cost 8 MiB of slab references and free list and 32 MiB of index on
 * top of the entries themselves; nothing is allocated per lookup.
 */
final class ConntrackStore {
    private static final int INITIAL_SLAB = 16;
    private static final int INITIAL_SLOTS = 64;

    private ConntrackEntry[] slab = new ConntrackEntry[INITIAL_SLAB];
    private int[] free = new int[INITIAL_SLAB];
    private int freeCount;
    private int slabTop;
    private int size;

    private long[] slots = new long[INITIAL_SLOTS];
    private int mask = INITIAL_SLOTS - 1;
    private int keys;

    int size() {
        return size;
    }

    /** The entry at a slab index (may be null: a free slot). */
    ConntrackEntry at(int slabIndex) {
        return slab[slabIndex];
    }

    /** One past the highest slab index in use: iterate {@code 0 .. slabLimit()} over {@link #at}. */
    int slabLimit() {
        return slabTop;
    }

    /** The reference ({@code slab index * 2 + direction}) of the entry with this key, or -1. */
    int find(long high, long low) {
        int fp = (int) TupleKeys.hash(high, low);
        int pos = fp & mask;
        while (true) {
            long slot = slots[pos];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == fp) {
                int ref = (int) slot - 1;
                if (matches(slab[ref >>> 1], ref & 1, high, low)) {
                    return ref;
                }
            }
            pos = pos + 1 & mask;
        }
    }

    /** Adds an entry under both its tuples; the caller has made sure neither key is present. */
    void add(ConntrackEntry entry) {
        int index = allocateSlot();
        slab[index] = entry;
        entry.slot = index;
        size++;
        growIndexIfNeeded(2);
        insertKey(entry.origHigh, entry.origLow, index << 1);
        insertKey(entry.replyHigh, entry.replyLow, index << 1 | 1);
    }

    void remove(ConntrackEntry entry) {
        int index = entry.slot;
        removeKey(entry.origHigh, entry.origLow, index << 1);
        removeKey(entry.replyHigh, entry.replyLow, index << 1 | 1);
        slab[index] = null;
        entry.slot = -1;
        free[freeCount++] = index;
        size--;
    }

    /** Changes an entry's reply tuple (NAT binding) and its key. */
    void rekeyReply(ConntrackEntry entry, long high, long low) {
        int ref = entry.slot << 1 | 1;
        removeKey(entry.replyHigh, entry.replyLow, ref);
        entry.replyHigh = high;
        entry.replyLow = low;
        insertKey(high, low, ref);
    }

    void clear() {
        Arrays.fill(slab, 0, slabTop, null);
        slabTop = 0;
        freeCount = 0;
        size = 0;
        slots = new long[INITIAL_SLOTS];
        mask = INITIAL_SLOTS - 1;
        keys = 0;
    }

    /** The index position a key hashes to. */
    int home(long high, long low) {
        return (int) TupleKeys.hash(high, low) & mask;
    }

    int nextSlot(int position) {
        return position + 1 & mask;
    }

    int capacity() {
        return slots.length;
    }

    /** The reference stored at an index position, or -1 for an empty slot. */
    int refAt(int position) {
        long slot = slots[position];
        return slot == 0 ? -1 : (int) slot - 1;
    }

    private static boolean matches(ConntrackEntry entry, int direction, long high, long low) {
        return direction == 0 ? entry.origHigh == high && entry.origLow == low
                : entry.replyHigh == high && entry.replyLow == low;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slabTop == slab.length) {
            slab = Arrays.copyOf(slab, slab.length * 2);
            free = Arrays.copyOf(free, free.length * 2);
        }
        return slabTop++;
    }

    private void insertKey(long high, long low, int ref) {
        int fp = (int) TupleKeys.hash(high, low);
        int pos = fp & mask;
        while (slots[pos] != 0) {
            pos = pos + 1 & mask;
        }
        slots[pos] = (long) fp << 32 | (ref + 1);
        keys++;
    }

    private void removeKey(long high, long low, int ref) {
        int fp = (int) TupleKeys.hash(high, low);
        long wanted = (long) fp << 32 | (ref + 1);
        int pos = fp & mask;
        while (slots[pos] != wanted) {
            if (slots[pos] == 0) {
                throw new IllegalStateException("key not in the index");
            }
            pos = pos + 1 & mask;
        }
        keys--;
        // Backward-shift deletion: pull later members of the probe run into the hole.
        int hole = pos;
        int next = pos;
        while (true) {
            next = next + 1 & mask;
            long slot = slots[next];
            if (slot == 0) {
                break;
            }
            int home = (int) (slot >>> 32) & mask;
            boolean canMove = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (canMove) {
                slots[hole] = slot;
                hole = next;
            }
        }
        slots[hole] = 0;
    }

    private void growIndexIfNeeded(int adding) {
        if ((long) (keys + adding) * 2 <= slots.length) {
            return;
        }
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long slot : old) {
            if (slot != 0) {
                int pos = (int) (slot >>> 32) & mask;
                while (slots[pos] != 0) {
                    pos = pos + 1 & mask;
                }
                slots[pos] = slot;
            }
        }
    }
}
