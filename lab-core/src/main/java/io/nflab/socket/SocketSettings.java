package io.nflab.socket;

/**
 * The kernel settings a socket table follows, with Linux's defaults in {@link #LINUX}.
 *
 * @param seed             makes the table's "random" choices (initial sequence numbers, timestamp offsets,
 *                         ephemeral ports, IP identifiers) deterministic; give each node its own
 * @param localPortLow     {@code net.ipv4.ip_local_port_range}, first number (32768)
 * @param localPortHigh    {@code net.ipv4.ip_local_port_range}, second number (60999)
 * @param defaultTtl       {@code net.ipv4.ip_default_ttl} (64)
 * @param synRetries       {@code net.ipv4.tcp_syn_retries} (6: SYNs at 0, 1, 3, 7, 15, 31, 63 s, given up at 127 s)
 * @param synAckRetries    {@code net.ipv4.tcp_synack_retries} (5)
 * @param dataRetries      {@code net.ipv4.tcp_retries2} (15)
 * @param timeWaitNanos    how long a connection stays in TIME_WAIT (TCP_TIMEWAIT_LEN, 60 s)
 * @param finTimeoutNanos  {@code net.ipv4.tcp_fin_timeout}: how long a closed socket waits in FIN_WAIT2 (60 s)
 */
public record SocketSettings(
        long seed,
        int localPortLow,
        int localPortHigh,
        int defaultTtl,
        int synRetries,
        int synAckRetries,
        int dataRetries,
        long timeWaitNanos,
        long finTimeoutNanos) {

    public static final long SECOND = 1_000_000_000L;
    public static final SocketSettings LINUX = new SocketSettings(0, 32768, 60999, 64, 6, 5, 15, 60 * SECOND, 60 * SECOND);

    public SocketSettings {
        if (localPortLow < 1 || localPortHigh > 65535 || localPortLow > localPortHigh) {
            throw new IllegalArgumentException("local port range " + localPortLow + " " + localPortHigh
                    + " is not LOW HIGH within 1-65535");
        }
        if (defaultTtl < 1 || defaultTtl > 255) {
            throw new IllegalArgumentException("default TTL " + defaultTtl + " out of range 1-255");
        }
        if (synRetries < 1 || synRetries > 127 || synAckRetries < 0 || synAckRetries > 255 || dataRetries < 1) {
            throw new IllegalArgumentException("retry counts out of range: syn " + synRetries + ", synack "
                    + synAckRetries + ", data " + dataRetries);
        }
        if (timeWaitNanos < 0 || finTimeoutNanos < 0) {
            throw new IllegalArgumentException("negative timeout");
        }
    }

    public SocketSettings withSeed(long newSeed) {
        return new SocketSettings(newSeed, localPortLow, localPortHigh, defaultTtl, synRetries, synAckRetries,
                dataRetries, timeWaitNanos, finTimeoutNanos);
    }

    /** {@code net.ipv4.ip_local_port_range = LOW HIGH}. */
    public SocketSettings withLocalPortRange(int low, int high) {
        return new SocketSettings(seed, low, high, defaultTtl, synRetries, synAckRetries, dataRetries,
                timeWaitNanos, finTimeoutNanos);
    }

    public SocketSettings withDefaultTtl(int ttl) {
        return new SocketSettings(seed, localPortLow, localPortHigh, ttl, synRetries, synAckRetries, dataRetries,
                timeWaitNanos, finTimeoutNanos);
    }

    /** {@code net.ipv4.tcp_syn_retries}. */
    public SocketSettings withSynRetries(int retries) {
        return new SocketSettings(seed, localPortLow, localPortHigh, defaultTtl, retries, synAckRetries, dataRetries,
                timeWaitNanos, finTimeoutNanos);
    }
}
