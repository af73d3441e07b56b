package io.nflab.netfilter.eval;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A hash map from {@code int} keys to non-null values, with open addressing and linear probing, so that
 * looking a key up neither boxes nor allocates (the engine's indexes and per-address state use it). A slot
 * is free when its value is null. Not thread-safe.
 */
final class IntMap<V> {
    private int[] keys;
    private Object[] values;
    private int size;
    private int mask;

    IntMap() {
        this(8);
    }

    IntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            Object value = values[slot];
            if (value == null || keys[slot] == key) {
                return (V) value;
            }
        }
    }

    V computeIfAbsent(int key, Supplier<V> factory) {
        V value = get(key);
        if (value == null) {
            value = factory.get();
            put(key, value);
        }
        return value;
    }

    void put(int key, V value) {
        Objects.requireNonNull(value, "value");
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int slot = slot(key);
        while (values[slot] != null) {
            if (keys[slot] == key) {
                values[slot] = value;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
    }

    /** Removes {@code key}, shifting later entries of its probe run back so lookups stay correct. */
    void remove(int key) {
        int slot = slot(key);
        while (values[slot] != null && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (values[slot] == null) {
            return;
        }
        size--;
        int hole = slot;
        for (int next = (hole + 1) & mask; values[next] != null; next = (next + 1) & mask) {
            int home = slot(keys[next]);
            boolean movable = hole <= next ? home <= hole || home > next : home <= hole && home > next;
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
        }
        values[hole] = null;
    }

    /** Calls {@code action} for every entry, in no particular order. */
    @SuppressWarnings("unchecked")
    void forEach(EntryConsumer<V> action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** Receives one entry of an {@link IntMap}. */
    @FunctionalInterface
    interface EntryConsumer<V> {
        void accept(int key, V value);
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
    }
}
