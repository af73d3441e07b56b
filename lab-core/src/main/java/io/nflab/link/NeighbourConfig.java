package io.nflab.link;

/**
 * The neighbour (ARP) parameters of {@code net.ipv4.neigh.*}, times in nanoseconds of the lab clock.
 * {@link #LINUX_DEFAULTS} are the kernel's defaults, except that the kernel draws {@code reachable_time}
 * at random between half and one and a half times {@code base_reachable_time} (30 s); nflab uses exactly
 * 30 s so that labs replay the same way every time.
 *
 * @param reachableTime        how long a confirmed entry stays REACHABLE
 * @param retransTime          the interval between ARP requests ({@code retrans_time_ms}, 1 s)
 * @param delayFirstProbeTime  how long an entry waits in DELAY before probing ({@code delay_first_probe_time}, 5 s)
 * @param lockTime             after an update, how long other answers are ignored ({@code locktime}, 1 s)
 * @param unicastProbes        unicast requests in PROBE ({@code ucast_solicit}, 3)
 * @param multicastProbes      broadcast requests in INCOMPLETE ({@code mcast_solicit}, 3)
 * @param unresolvedQueueLength packets kept per entry while it resolves ({@code unres_qlen}, 101); the
 *                             kernel counts bytes (212992 of truesize), which holds 101 full-size frames
 */
public record NeighbourConfig(long reachableTime, long retransTime, long delayFirstProbeTime, long lockTime,
        int unicastProbes, int multicastProbes, int unresolvedQueueLength) {

    private static final long SECOND = 1_000_000_000L;

    public static final NeighbourConfig LINUX_DEFAULTS =
            new NeighbourConfig(30 * SECOND, SECOND, 5 * SECOND, SECOND, 3, 3, 101);

    /** The shortest time the kernel arms a timer for (HZ/100). */
    static final long MIN_TIMER = SECOND / 100;

    /**
     * These settings with another {@code reachable_time}; e.g. one hour, as the kernel lab
     * (docs/kernel-lab.md) sets {@code base_reachable_time_ms} so that resolved neighbours never probe.
     */
    public NeighbourConfig withReachableTime(long nanos) {
        return new NeighbourConfig(nanos, retransTime, delayFirstProbeTime, lockTime, unicastProbes, multicastProbes,
                unresolvedQueueLength);
    }

    public NeighbourConfig {
        if (reachableTime <= 0 || retransTime <= 0 || delayFirstProbeTime < 0 || lockTime < 0) {
            throw new IllegalArgumentException("neighbour times must be positive");
        }
        if (unicastProbes < 0 || multicastProbes < 1 || unresolvedQueueLength < 0) {
            throw new IllegalArgumentException("neighbour counts must not be negative (and at least one broadcast probe)");
        }
    }
}
