package io.nflab.lab;

/** Lab times as the console and the reports print them: seconds since the lab started, to the millisecond or microsecond. */
public final class ClockText {
    private ClockText() {
    }

    /** {@code 12.345s}: the prompt's and the events' precision. */
    public static String millis(long nanos) {
        return fixed(nanos, 1_000_000L, 3);
    }

    /** {@code 12.345678s}: a trace's precision (one hop in a lab takes microseconds). */
    public static String micros(long nanos) {
        return fixed(nanos, 1_000L, 6);
    }

    private static String fixed(long nanos, long unit, int digits) {
        long units = nanos / unit;
        long perSecond = 1_000_000_000L / unit;
        return units / perSecond + "." + String.format("%0" + digits + "d", units % perSecond) + "s";
    }
}
