package io.nflab.netfilter.eval;

import java.util.Objects;

/**
 * One line of a traced packet's way through the rules, as the kernel's TRACE target logs it
 * (ip_tables' {@code trace_packet}): the place ({@code filter:INPUT:rule:2}, {@code …:policy:N},
 * {@code …:return:N}) and the kernel log line, {@code TRACE: filter:INPUT:rule:2 IN=eth0 OUT= …}, written
 * at level {@link #LEVEL} with every LOG option on.
 */
public record TraceEntry(Place place, String line) {
    /** TRACE lines are logged at syslog level 4 (warning). */
    public static final int LEVEL = 4;

    public TraceEntry {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(line, "line");
    }
}
