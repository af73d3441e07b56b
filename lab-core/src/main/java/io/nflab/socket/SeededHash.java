package io.nflab.socket;

/**
 * The keyed hashes that stand in for the kernel's siphash secrets (initial sequence numbers, timestamp
 * offsets, port offsets): a SplitMix64 finaliser over the seed and the inputs, so the same seed and
 * the same addresses always give the same values.
 */
final class SeededHash {
    private SeededHash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long purpose, long a, long b) {
        return mix(mix(mix(seed ^ purpose * 0x9e3779b97f4a7c15L) ^ a) ^ b);
    }

    /** Two addresses and two ports folded into one long. */
    static long tuple(int address1, int port1, int address2, int port2) {
        return ((long) address1 << 32 | (address2 & 0xffffffffL)) ^ ((long) port1 << 16 | port2) * 0x9e3779b97f4a7c15L;
    }
}
