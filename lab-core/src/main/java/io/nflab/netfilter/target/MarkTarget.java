package io.nflab.netfilter.target;

/**
 * {@code -j MARK}: the packet mark becomes {@code (mark & ~mask) ^ value} ({@code --set-xmark value/mask};
 * {@code --set-mark}, {@code --and-mark}, {@code --or-mark}, {@code --xor-mark} are forms of it). Both 32-bit unsigned.
 */
public record MarkTarget(long value, long mask) implements Target {

    public MarkTarget {
        if (value < 0 || value > 0xffffffffL || mask < 0 || mask > 0xffffffffL) {
            throw new IllegalArgumentException("mark values are 32 bits");
        }
    }

    public long apply(long mark) {
        return (mark & ~mask & 0xffffffffL) ^ value;
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
