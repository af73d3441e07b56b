package io.nflab.packet;

import java.util.Objects;

/**
 * What the kernel keeps beside a packet's headers (the {@code sk_buff} fields netfilter looks at),
 * separate from the packet itself: the mark ({@code -j MARK}, {@code -m mark}, unsigned 32 bits), the
 * input and output interface names ({@code -i}/{@code -o}; empty when there is none, as for a locally
 * generated packet's input), an opaque reference to its conntrack entry (0 while untracked, like the
 * kernel's null {@code skb->_nfct}) and a trace id (0 when the packet is not traced).
 */
public record PacketMeta(long mark, String inputInterface, String outputInterface, long conntrackId, long traceId) {
    /** Linux interface names have at most 15 characters (IFNAMSIZ - 1). */
    public static final int MAX_INTERFACE_NAME = 15;
    public static final PacketMeta NONE = new PacketMeta(0, "", "", 0, 0);

    public PacketMeta {
        Checks.checkRange("mark", mark, 0xffff_ffffL);
        checkInterface("input", inputInterface);
        checkInterface("output", outputInterface);
    }

    public PacketMeta withMark(long newMark) {
        return new PacketMeta(newMark, inputInterface, outputInterface, conntrackId, traceId);
    }

    public PacketMeta withInputInterface(String name) {
        return new PacketMeta(mark, name, outputInterface, conntrackId, traceId);
    }

    public PacketMeta withOutputInterface(String name) {
        return new PacketMeta(mark, inputInterface, name, conntrackId, traceId);
    }

    public PacketMeta withConntrackId(long id) {
        return new PacketMeta(mark, inputInterface, outputInterface, id, traceId);
    }

    public PacketMeta withTraceId(long id) {
        return new PacketMeta(mark, inputInterface, outputInterface, conntrackId, id);
    }

    private static void checkInterface(String which, String name) {
        Objects.requireNonNull(name, which + "Interface");
        if (name.length() > MAX_INTERFACE_NAME) {
            throw new IllegalArgumentException(which + " interface name \"" + name + "\" is longer than "
                    + MAX_INTERFACE_NAME + " characters");
        }
    }
}
