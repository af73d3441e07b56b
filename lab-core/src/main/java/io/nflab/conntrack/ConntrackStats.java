package io.nflab.conntrack;

/**
 * A table's event counters, those {@code conntrack -S} shows (the kernel's {@code struct ip_conntrack_stat},
 * summed over CPUs): lookups that found a NAT tuple taken, invalid packets, insertions and failed ones,
 * packets dropped by conntrack, early drops and ICMP errors about no connection.
 */
public record ConntrackStats(long found, long invalid, long insert, long insertFailed, long drop, long earlyDrop,
        long error) {
}
