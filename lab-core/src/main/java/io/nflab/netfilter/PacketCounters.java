package io.nflab.netfilter;

/**
 * A packet and byte count pair, as {@code iptables-save -c} prints it ({@code [packets:bytes]}).
 * Both are unsigned 64-bit values like the kernel's; print them with {@link Long#toUnsignedString}.
 */
public record PacketCounters(long packets, long bytes) {
    public static final PacketCounters ZERO = new PacketCounters(0, 0);
}
