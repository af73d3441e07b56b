package io.nflab.nat;

import io.nflab.conntrack.ConntrackEntry;
import io.nflab.conntrack.ConntrackTable;
import io.nflab.conntrack.ConntrackTuple;

/**
 * The kernel's {@code get_unique_tuple} (nf_nat_core.c): the new tuple of a connection's first packet
 * within a {@link NatRequest}, unique in the table.
 *
 * <ol>
 * <li>Source NAT without {@code --random}: keep the original tuple if it is in the range and free; else
 *     reuse the mapping of another connection from the same source if it fits and is free.</li>
 * <li>The address: the only one, or the kernel's own hash choice ({@link Jhash}).</li>
 * <li>The port (ICMP id): kept when in the range and free; else searched for in the range.</li>
 * </ol>
 *
 * <p>Where the kernel draws random numbers nflab is deterministic (docs/nat.md): the port search starts at
 * the original port when it lies in the range, else at the range's first port, walks upwards with the
 * kernel's wrap-around and attempt limits, and goes on from where it stopped in the kernel's further,
 * shorter rounds; {@code --random} starts at a hash of addresses and destination port,
 * {@code --random-fully} additionally mixes in how many random choices were made before.
 */
final class TupleChooser {
    private static final int MAX_ATTEMPTS = 128;

    private final ConntrackTable table;
    private final SourceIndex sources;
    private int randomChoices;

    TupleChooser(ConntrackTable table, SourceIndex sources) {
        this.table = table;
        this.sources = sources;
    }

    ConntrackTuple choose(ConntrackTuple original, NatRequest range, ConntrackEntry ct, ManipType manip, long now) {
        if (manip == ManipType.SRC && !range.randomAll()) {
            if (inRange(original, range)) {
                if (!used(original, ct, now)) {
                    return original;
                }
            } else {
                ConntrackTuple mapped = appropriateSource(original, range, ct.zone(), now);
                if (mapped != null && !used(mapped, ct, now)) {
                    return mapped;
                }
            }
        }
        ConntrackTuple tuple = bestAddress(original, range, ct.zone(), manip);
        if (!range.randomAll()) {
            if (range.portsSpecified()) {
                if (!range.portOffset() && keyInRange(tuple, manip, range)
                        && (range.minPort() == range.maxPort() || !used(tuple, ct, now))) {
                    return tuple;
                }
            } else if (!used(tuple, ct, now)) {
                return tuple;
            }
        }
        return uniqueKey(tuple, range, manip, ct, now);
    }

    /** {@code nf_nat_used_tuple}: another connection already receives replies for this tuple. */
    private boolean used(ConntrackTuple tuple, ConntrackEntry ct, long now) {
        return table.isTupleTaken(Tuples.invert(tuple), ct.zone(), ct, now);
    }

    /** {@code in_range}: the source (and, with a port range, its port or ICMP id) lies in the range. */
    private static boolean inRange(ConntrackTuple tuple, NatRequest range) {
        if (range.mapAddresses() && !range.addressInRange(tuple.srcBits())) {
            return false;
        }
        return !range.portsSpecified() || keyInRange(tuple, ManipType.SRC, range);
    }

    /** {@code l4proto_in_range}: protocols without a NAT key are always in range. */
    private static boolean keyInRange(ConntrackTuple tuple, ManipType manip, NatRequest range) {
        int key = Tuples.key(tuple, manip);
        return key < 0 || range.portInRange(key);
    }

    /** {@code find_appropriate_src}: the mapping of the newest connection from the same source that fits. */
    private ConntrackTuple appropriateSource(ConntrackTuple original, NatRequest range, int zone, long now) {
        for (ConntrackEntry other : sources.withSource(original, zone, now)) {
            ConntrackTuple mappedSource = Tuples.invert(other.reply());
            ConntrackTuple result = Tuples.of(original, mappedSource.srcBits(), original.dstBits(),
                    Tuples.a(mappedSource), Tuples.b(original));
            if (inRange(result, range)) {
                return result;
            }
        }
        return null;
    }

    /** {@code find_best_ips_proto}: the one address, or jhash2 of the addresses scaled into the range. */
    private static ConntrackTuple bestAddress(ConntrackTuple tuple, NatRequest range, int zone, ManipType manip) {
        if (!range.mapAddresses()) {
            return tuple;
        }
        int min = range.minAddress().bits();
        int max = range.maxAddress().bits();
        if (min == max) {
            return Tuples.withAddress(tuple, manip, min);
        }
        int initval = range.persistent() ? 0 : Jhash.wireWord(tuple.dstBits()) ^ zone;
        int j = Jhash.jhash2(new int[] {Jhash.wireWord(tuple.srcBits()), 0, 0, 0}, initval);
        int dist = max - min + 1;
        return Tuples.withAddress(tuple, manip, min + Jhash.reciprocalScale(j, dist));
    }

    /** {@code nf_nat_l4proto_unique_tuple}, with the deterministic walk described on the class. */
    private ConntrackTuple uniqueKey(ConntrackTuple tuple, NatRequest range, ManipType manip, ConntrackEntry ct,
            long now) {
        int key = Tuples.key(tuple, manip);
        if (key < 0) {
            return tuple;
        }
        int min;
        int size;
        if (tuple.protocol() == Tuples.ICMP) {
            min = range.portsSpecified() ? range.minPort() : 0;
            size = range.portsSpecified() ? range.maxPort() - range.minPort() + 1 : 65536;
        } else if (!range.portsSpecified()) {
            if (manip == ManipType.DST) {
                return tuple;
            }
            if (key < 512) {
                min = 1;
                size = 511;
            } else if (key < 1024) {
                min = 600;
                size = 1023 - 600 + 1;
            } else {
                min = 1024;
                size = 65535 - 1024 + 1;
            }
        } else {
            min = Math.min(range.minPort(), range.maxPort());
            size = Math.max(range.minPort(), range.maxPort()) - min + 1;
        }
        int offset;
        if (range.portOffset()) {
            offset = (key - range.basePort()) & 0xffff;
        } else if (range.randomAll()) {
            offset = randomOffset(tuple, range);
        } else {
            offset = key >= min && key - min < size ? key - min : 0;
        }
        int attempts = Math.min(size, MAX_ATTEMPTS);
        ConntrackTuple candidate = tuple;
        while (true) {
            for (int i = 0; i < attempts; i++, offset = (offset + 1) & 0xffff) {
                candidate = Tuples.withKey(tuple, manip, min + offset % size);
                if (!used(candidate, ct, now)) {
                    return candidate;
                }
            }
            if (attempts >= size || attempts < 16) {
                return candidate;
            }
            attempts /= 2;
        }
    }

    /** The deterministic stand-in for {@code get_random_u16()} under {@code --random}/{@code --random-fully}. */
    private int randomOffset(ConntrackTuple tuple, NatRequest range) {
        int initval = range.fullyRandom() ? ++randomChoices : 0;
        int[] words = {tuple.srcBits(), tuple.dstBits(), tuple.protocol() << 16 | Tuples.b(tuple)};
        return Jhash.jhash2(words, initval) & 0xffff;
    }
}
