package io.nflab.kernel;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a kernel lab watches after an injection: until nothing more was captured for {@code quiet},
 * and at most {@code limit}. The kernel does everything an injected packet causes — forwarding, NAT,
 * ARP resolution and the queued packet, RSTs, ICMP errors — within a millisecond on an idle machine;
 * only timer-driven work comes later (ARP retries before "host unreachable" after about 3 s, TCP
 * retransmissions after 1 s), and is seen only with a longer {@code quiet}.
 */
public record Settle(Duration quiet, Duration limit) {

    /** 30 ms of silence, at most 2 s: ample for everything the kernel does without a timer. */
    public static final Settle DEFAULT = new Settle(Duration.ofMillis(30), Duration.ofSeconds(2));

    public Settle {
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(limit, "limit");
        if (quiet.isNegative() || quiet.isZero() || limit.compareTo(quiet) < 0) {
            throw new IllegalArgumentException("need 0 < quiet <= limit: quiet " + quiet + ", limit " + limit);
        }
    }
}
