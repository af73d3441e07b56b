package io.nflab.link;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash map from 32-bit keys (IPv4 address bits) to values, without boxing: open addressing with
 * linear probing and backward-shift deletion. Lookups do not allocate, which makes it fit for per-packet
 * use (neighbour entries, FIB leaves). Not thread-safe; null values are not allowed.
 */
public final class AddressMap<V> {
    private static final int MIN_CAPACITY = 8;

    private int[] keys;
    private Object[] values;
    private int size;
    private int mask;

    public AddressMap() {
        keys = new int[MIN_CAPACITY];
        values = new Object[MIN_CAPACITY];
        mask = MIN_CAPACITY - 1;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(int key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) value;
            }
        }
    }

    /** Stores {@code value} for {@code key}; returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(int key, V value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        if ((size + 1) * 4 > keys.length * 3) {
            resize(keys.length * 2);
        }
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
            if (keys[i] == key) {
                V previous = (V) values[i];
                values[i] = value;
                return previous;
            }
        }
    }

    /** Removes the value for {@code key}; returns it or null. */
    @SuppressWarnings("unchecked")
    public V remove(int key) {
        int i = slot(key);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return null;
        }
        V removed = (V) values[i];
        values[i] = null;
        size--;
        // Backward-shift: move later members of the probe run into the hole when that shortens their probe.
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                values[j] = null;
                hole = j;
            }
        }
        return removed;
    }

    /** Calls {@code action} for every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Integer, V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insertFresh(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insertFresh(int key, Object value) {
        int i = slot(key);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }
}
