package io.nflab.conntrack;

import java.util.Objects;

/**
 * A connection a helper announced before its first packet (the kernel's {@code struct
 * nf_conntrack_expect}): a new connection whose original tuple matches {@link #tuple()} — source address,
 * destination address and port, protocol exactly; the source port only unless {@link #anySourcePort()} —
 * in the master's zone is RELATED, gets {@link #master()} as its master and, if set, {@link #expectFn()}
 * run on it. An expectation is used up by the connection that matches it and gone at
 * {@link #deadlineNanos()} on the lab clock.
 *
 * @param master the connection whose helper expects this one
 * @param tuple the expected original tuple
 * @param anySourcePort the source port is not part of the match (FTP's data connection)
 * @param expectClass the helper's expectation class (0 for FTP)
 * @param deadlineNanos when the expectation expires, lab-clock nanoseconds
 * @param natDirection the direction NAT maps it for ({@code exp->dir}); null without NAT
 * @param savedPort the port the helper announced before NAT changed it ({@code exp->saved_proto}); -1 without NAT
 * @param expectFn what to do with the new connection; null for nothing
 */
public record Expectation(ConntrackEntry master, ConntrackTuple tuple, boolean anySourcePort, int expectClass,
                          long deadlineNanos, CtDirection natDirection, int savedPort, ExpectFn expectFn) {

    public Expectation {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(tuple, "tuple");
    }

    /** An expectation without NAT, expiring {@code timeoutSeconds} after {@code now}. */
    public static Expectation of(ConntrackEntry master, ConntrackTuple tuple, boolean anySourcePort, int expectClass,
            int timeoutSeconds, long now) {
        return new Expectation(master, tuple, anySourcePort, expectClass, now + timeoutSeconds * 1_000_000_000L,
                null, -1, null);
    }

    /** This expectation for another destination port. */
    public Expectation withDestinationPort(int port) {
        return new Expectation(master, tuple.withDestination(tuple.dst(), port), anySourcePort, expectClass,
                deadlineNanos, natDirection, savedPort, expectFn);
    }

    /** This expectation mapped by NAT: direction, announced port and the function binding the new connection. */
    public Expectation withNat(CtDirection direction, int announcedPort, ExpectFn fn) {
        return new Expectation(master, tuple, anySourcePort, expectClass, deadlineNanos, direction, announcedPort,
                fn);
    }

    /** The zone the expectation lives in: its master's. */
    public int zone() {
        return master.zone();
    }

    /** Whether a new connection with original tuple {@code original} in {@code zone} is the expected one. */
    public boolean matches(ConntrackTuple original, int zone) {
        return zone == zone() && original.dstBits() == tuple.dstBits() && original.srcBits() == tuple.srcBits()
                && original.protocol() == tuple.protocol() && destinationPart(original) == destinationPart(tuple)
                && (anySourcePort || sourcePart(original) == sourcePart(tuple));
    }

    /**
     * Whether this and {@code other} could match the same connection (the kernel's {@code expect_clash}):
     * equal on everything both masks look at.
     */
    public boolean clashesWith(Expectation other) {
        return other.zone() == zone() && other.tuple.dstBits() == tuple.dstBits()
                && other.tuple.srcBits() == tuple.srcBits() && other.tuple.protocol() == tuple.protocol()
                && destinationPart(other.tuple) == destinationPart(tuple)
                && (anySourcePort || other.anySourcePort || sourcePart(other.tuple) == sourcePart(tuple));
    }

    /** Whole seconds left at {@code now}, rounded down like every conntrack timeout. */
    public long remainingSeconds(long now) {
        long left = deadlineNanos - now;
        return left <= 0 ? 0 : left / 1_000_000_000L;
    }

    public boolean isExpired(long now) {
        return deadlineNanos <= now;
    }

    private static int sourcePart(ConntrackTuple t) {
        return TupleKeys.a(t.low());
    }

    private static int destinationPart(ConntrackTuple t) {
        return TupleKeys.b(t.low());
    }

    @Override
    public String toString() {
        return "Expectation[" + tuple + (anySourcePort ? " (any source port)" : "") + " of " + master + "]";
    }
}
