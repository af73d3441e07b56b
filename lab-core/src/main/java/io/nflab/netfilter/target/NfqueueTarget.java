package io.nflab.netfilter.target;

/**
 * {@code -j NFQUEUE}: hand the packet to userspace queue {@code queue} (or spread over {@code count}
 * queues from it); {@code bypass} accepts packets when no program listens; {@code cpuFanout} picks
 * the queue by CPU. nflab has no userspace queue readers, so packets meet the bypass rule or are dropped.
 */
public record NfqueueTarget(int queue, int count, boolean bypass, boolean cpuFanout) implements Target {

    public NfqueueTarget {
        if (queue < 0 || queue > 65535 || count < 1 || queue + count - 1 > 65535) {
            throw new IllegalArgumentException("bad queue range " + queue + "+" + count);
        }
    }

    @Override
    public boolean isTerminal() {
        return true;
    }
}
