package io.nflab.conntrack;

import io.nflab.diagnostics.UserInputException;
import java.util.Arrays;

/**
 * The values of a table's {@link ConntrackSysctl}s. Immutable: {@link #with} gives a changed copy.
 * Timeouts are also kept in nanoseconds, ready for the per-packet path.
 */
public final class ConntrackSettings {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** {@code tcp_timeouts[TCP_CONNTRACK_SYN_SENT2]}: two minutes, no sysctl of its own. */
    private static final long SYN_SENT2_TIMEOUT = 120;
    private static final ConntrackSettings DEFAULTS = new ConntrackSettings(defaultValues());

    private final int[] values;
    /** Indexed by {@link TcpState#ordinal()}. */
    private final long[] tcpTimeoutNanos;

    private ConntrackSettings(int[] values) {
        this.values = values;
        this.tcpTimeoutNanos = new long[TcpState.values().length];
        tcpTimeoutNanos[TcpState.SYN_SENT.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_SYN_SENT);
        tcpTimeoutNanos[TcpState.SYN_RECV.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_SYN_RECV);
        tcpTimeoutNanos[TcpState.ESTABLISHED.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_ESTABLISHED);
        tcpTimeoutNanos[TcpState.FIN_WAIT.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_FIN_WAIT);
        tcpTimeoutNanos[TcpState.CLOSE_WAIT.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_CLOSE_WAIT);
        tcpTimeoutNanos[TcpState.LAST_ACK.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_LAST_ACK);
        tcpTimeoutNanos[TcpState.TIME_WAIT.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_TIME_WAIT);
        tcpTimeoutNanos[TcpState.CLOSE.ordinal()] = nanos(ConntrackSysctl.TCP_TIMEOUT_CLOSE);
        tcpTimeoutNanos[TcpState.SYN_SENT2.ordinal()] = SYN_SENT2_TIMEOUT * NANOS_PER_SECOND;
    }

    private static int[] defaultValues() {
        ConntrackSysctl[] all = ConntrackSysctl.values();
        int[] values = new int[all.length];
        for (ConntrackSysctl sysctl : all) {
            values[sysctl.ordinal()] = sysctl.defaultValue();
        }
        return values;
    }

    /** The kernel's defaults. */
    public static ConntrackSettings defaults() {
        return DEFAULTS;
    }

    public int get(ConntrackSysctl sysctl) {
        return values[sysctl.ordinal()];
    }

    /** A copy with one value changed; out-of-range values are refused as the kernel refuses them. */
    public ConntrackSettings with(ConntrackSysctl sysctl, int value) {
        if (!sysctl.accepts(value)) {
            throw invalidArgument(sysctl.key());
        }
        int[] copy = Arrays.copyOf(values, values.length);
        copy[sysctl.ordinal()] = value;
        return new ConntrackSettings(copy);
    }

    /**
     * A copy with the sysctl {@code key} set from text, as {@code sysctl -w key=value} does: the value is a
     * decimal integer (surrounding blanks allowed); anything else, or a value out of range, is refused with
     * sysctl's message.
     */
    public ConntrackSettings with(String key, String value) {
        ConntrackSysctl sysctl = ConntrackSysctl.byKey(key).orElseThrow(
                () -> new UserInputException("sysctl: cannot stat /proc/sys/" + key.replace('.', '/')
                        + ": No such file or directory"));
        String trimmed = value.strip();
        long parsed;
        try {
            parsed = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw invalidArgument(sysctl.key());
        }
        if (!sysctl.accepts(parsed)) {
            throw invalidArgument(sysctl.key());
        }
        return with(sysctl, (int) parsed);
    }

    private static UserInputException invalidArgument(String key) {
        return new UserInputException("sysctl: setting key \"" + key + "\": Invalid argument");
    }

    boolean acct() {
        return get(ConntrackSysctl.ACCT) != 0;
    }

    boolean tcpLoose() {
        return get(ConntrackSysctl.TCP_LOOSE) != 0;
    }

    long nanos(ConntrackSysctl timeout) {
        return get(timeout) * NANOS_PER_SECOND;
    }

    long tcpTimeoutNanos(int stateOrdinal) {
        return tcpTimeoutNanos[stateOrdinal];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConntrackSettings other && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
