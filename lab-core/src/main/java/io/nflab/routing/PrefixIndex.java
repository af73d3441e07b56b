package io.nflab.routing;

import io.nflab.address.Ipv4Prefix;
import io.nflab.link.AddressMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The routes of all tables, indexed two ways: for longest-prefix match, one hash map per prefix length
 * (probed from the longest length in use down; a lookup allocates nothing), and for listing, a tree in the
 * order the kernel's trie dumps them (by network address, then longer prefixes first). Each prefix holds
 * its routes in the kernel's alias order: higher table ids first (so the local table precedes main), then
 * lower metrics, then insertion order.
 */
final class PrefixIndex {

    /** The routes of one prefix, an immutable array replaced on change. */
    static final class Leaf {
        final Ipv4Prefix prefix;
        Route[] routes = new Route[0];

        Leaf(Ipv4Prefix prefix) {
            this.prefix = prefix;
        }
    }

    private static final Comparator<Ipv4Prefix> DUMP_ORDER =
            Comparator.<Ipv4Prefix, Integer>comparing(p -> p.network().bits(), Integer::compareUnsigned)
                    .thenComparing(Ipv4Prefix::length, Comparator.reverseOrder());

    @SuppressWarnings("unchecked")
    private final AddressMap<Leaf>[] byLength = (AddressMap<Leaf>[]) new AddressMap<?>[33];
    /** Bit L is set when some prefix of length L exists. */
    private long lengths;
    private final TreeMap<Ipv4Prefix, Leaf> ordered = new TreeMap<>(DUMP_ORDER);
    private int size;

    PrefixIndex() {
        for (int i = 0; i <= 32; i++) {
            byLength[i] = new AddressMap<>();
        }
    }

    /** The number of routes. */
    int size() {
        return size;
    }

    Leaf leaf(Ipv4Prefix prefix) {
        return byLength[prefix.length()].get(prefix.network().bits());
    }

    /** The leaf holding {@code destination}'s longest matching prefix strictly shorter than {@code belowLength}. */
    Leaf longestMatch(int destination, int belowLength) {
        long candidates = belowLength >= 64 ? lengths : lengths & ((1L << belowLength) - 1);
        while (candidates != 0) {
            int length = 63 - Long.numberOfLeadingZeros(candidates);
            candidates &= ~(1L << length);
            Leaf leaf = byLength[length].get(destination & Ipv4Prefix.maskBits(length));
            if (leaf != null) {
                return leaf;
            }
        }
        return null;
    }

    /** Puts {@code route} into its prefix's list at {@code position}. */
    void insert(Route route, int position) {
        Ipv4Prefix prefix = route.destination();
        Leaf leaf = leaf(prefix);
        if (leaf == null) {
            leaf = new Leaf(prefix);
            byLength[prefix.length()].put(prefix.network().bits(), leaf);
            ordered.put(prefix, leaf);
            lengths |= 1L << prefix.length();
        }
        Route[] next = new Route[leaf.routes.length + 1];
        System.arraycopy(leaf.routes, 0, next, 0, position);
        next[position] = route;
        System.arraycopy(leaf.routes, position, next, position + 1, leaf.routes.length - position);
        leaf.routes = next;
        size++;
    }

    /** Replaces the route at {@code position} of its prefix's list. */
    void replace(Route old, Route route) {
        Leaf leaf = leaf(old.destination());
        Route[] next = leaf.routes.clone();
        next[indexOf(leaf, old)] = route;
        leaf.routes = next;
    }

    void remove(Route route) {
        Ipv4Prefix prefix = route.destination();
        Leaf leaf = leaf(prefix);
        int at = indexOf(leaf, route);
        Route[] next = new Route[leaf.routes.length - 1];
        System.arraycopy(leaf.routes, 0, next, 0, at);
        System.arraycopy(leaf.routes, at + 1, next, at, next.length - at);
        leaf.routes = next;
        size--;
        if (next.length == 0) {
            byLength[prefix.length()].remove(prefix.network().bits());
            ordered.remove(prefix);
            if (byLength[prefix.length()].isEmpty()) {
                lengths &= ~(1L << prefix.length());
            }
        }
    }

    /** Every route in dump order. */
    List<Route> all() {
        List<Route> routes = new ArrayList<>(size);
        for (Leaf leaf : ordered.values()) {
            routes.addAll(Arrays.asList(leaf.routes));
        }
        return routes;
    }

    private static int indexOf(Leaf leaf, Route route) {
        for (int i = 0; i < leaf.routes.length; i++) {
            if (leaf.routes[i] == route) {
                return i;
            }
        }
        throw new IllegalArgumentException("route not in its leaf: " + route);
    }
}
