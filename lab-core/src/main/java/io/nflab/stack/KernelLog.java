package io.nflab.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The node's kernel log: each line with the lab time it was written at. {@link #dmesg()} prints it as
 * util-linux {@code dmesg} does by default, each line after {@code [%5ld.%06ld] }: the seconds since boot
 * (the lab clock started with the node) right-aligned in five columns, a dot, the microseconds.
 */
final class KernelLog {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MICRO = 1_000L;

    private record Line(long nanos, String text) {
    }

    private final List<Line> lines = new ArrayList<>();

    void add(long labNanos, String text) {
        lines.add(new Line(labNanos, text));
    }

    /** The lines as written, without time stamps. */
    List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    /** What {@code dmesg} prints. */
    String dmesg() {
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            out.append(stamp(line.nanos())).append(line.text()).append('\n');
        }
        return out.toString();
    }

    /** {@code [%5ld.%06ld] } of the lab time. */
    static String stamp(long labNanos) {
        return String.format("[%5d.%06d] ", labNanos / NANOS_PER_SECOND,
                labNanos % NANOS_PER_SECOND / NANOS_PER_MICRO);
    }
}
