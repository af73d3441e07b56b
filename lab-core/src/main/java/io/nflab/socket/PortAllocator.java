package io.nflab.socket;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Chooses local ports from {@code net.ipv4.ip_local_port_range} the way Linux does, with the kernel's
 * secrets and random numbers replaced by the table's seed:
 * <ul>
 * <li>{@code connect()} on TCP ({@code __inet_hash_connect}): an offset hashed from source address,
 *     destination address and port plus a per-bucket perturbation (256 buckets), ports of the range's
 *     low end's parity (even by default) first, stepping by two; the bucket's perturbation then moves on
 *     by the number of ports tried plus two (at least a random even number below 16), so repeated
 *     connections to one server use a new port each time;</li>
 * <li>{@code bind()} to port 0 and {@code listen()} ({@code inet_csk_find_open_port}): a random offset,
 *     ports of the other parity (odd) first;</li>
 * <li>UDP autobind ({@code udp_lib_get_port}): a random port in the range, the next free one when
 *     taken (the kernel walks its hash chain in a scrambled order instead).</li>
 * </ul>
 */
final class PortAllocator {
    private static final int PERTURB_SIZE = 256;
    private static final long PURPOSE_PORT_OFFSET = 3;

    private SocketSettings settings;
    private final SplittableRandom random;
    private final int[] perturb = new int[PERTURB_SIZE];

    /** The port range changed; the seed (and so the perturbation table) did not. */
    void setSettings(SocketSettings newSettings) {
        settings = newSettings;
    }

    PortAllocator(SocketSettings settings, SplittableRandom random) {
        this.settings = settings;
        this.random = random;
        for (int i = 0; i < PERTURB_SIZE; i++) {
            perturb[i] = (int) SeededHash.hash(settings.seed(), PURPOSE_PORT_OFFSET, i, 0);
        }
    }

    /** A source port for a connection to {@code destination:port}; {@code free} says whether a port can be used. */
    int connectPort(int source, int destination, int destinationPort, IntPredicate free) {
        int low = settings.localPortLow();
        int high = settings.localPortHigh() + 1;
        int remaining = high - low;
        if (remaining > 1) {
            remaining &= ~1;
        }
        long portOffset = SeededHash.hash(settings.seed(), PURPOSE_PORT_OFFSET, (long) source << 32 | (destination & 0xffffffffL),
                destinationPort);
        int index = (int) (portOffset & (PERTURB_SIZE - 1));
        long offset = Integer.toUnsignedLong(perturb[index] + (int) (portOffset >>> 32)) % remaining;
        offset &= ~1L;
        for (int parity = 0; parity < 2; parity++, offset++) {
            int port = (int) (low + offset);
            for (int i = 0; i < remaining; i += 2, port += 2) {
                if (port >= high) {
                    port -= remaining;
                }
                if (free.test(port)) {
                    int step = Math.max(i, random.nextInt(8) * 2);
                    perturb[index] += step + 2;
                    return port;
                }
            }
            if (remaining <= 1) {
                break;
            }
        }
        throw new SocketException("connect", Errno.EADDRNOTAVAIL);
    }

    /** A port for {@code bind(…, 0)} or {@code listen()} without bind. */
    int bindPort(IntPredicate free) {
        int low = settings.localPortLow();
        int high = settings.localPortHigh() + 1;
        int remaining = high - low;
        if (remaining > 1) {
            remaining &= ~1;
        }
        int offset = random.nextInt(remaining) | 1;
        for (int parity = 0; parity < 2; parity++, offset--) {
            int port = low + offset;
            for (int i = 0; i < remaining; i += 2, port += 2) {
                if (port >= high) {
                    port -= remaining;
                }
                if (free.test(port)) {
                    return port;
                }
            }
        }
        throw new SocketException("bind", Errno.EADDRINUSE);
    }

    /** A port for a UDP socket that sends before binding. */
    int udpPort(IntPredicate free) {
        int low = settings.localPortLow();
        int remaining = settings.localPortHigh() - low + 1;
        int first = random.nextInt(remaining);
        for (int i = 0; i < remaining; i++) {
            int port = low + (first + i) % remaining;
            if (free.test(port)) {
                return port;
            }
        }
        throw new SocketException("bind", Errno.EADDRINUSE);
    }
}
