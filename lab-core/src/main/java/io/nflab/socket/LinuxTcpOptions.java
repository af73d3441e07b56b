package io.nflab.socket;

import io.nflab.packet.Bytes;
import io.nflab.packet.TcpOption;
import io.nflab.packet.TcpOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP options Linux writes ({@code tcp_options_write}) and the parts of a peer's options it uses.
 * A SYN carries {@code mss=1460,sackok,ts=VAL:0,nop,wscale=7}; a SYN-ACK answers with what the peer
 * offered (timestamps without SACK become {@code nop,nop,ts}, SACK without timestamps
 * {@code nop,nop,sackok}); later segments carry {@code nop,nop,ts} when timestamps were agreed.
 */
final class LinuxTcpOptions {
    /** The MSS announced for a 1500-byte MTU. */
    static final int MSS = 1460;
    /** The window scale Linux announces with a 6 MiB {@code tcp_rmem} maximum (Debian 12). */
    static final int WINDOW_SCALE = 7;
    private static final int TIMESTAMPS_LENGTH = 12;

    private LinuxTcpOptions() {
    }

    /** What a SYN or SYN-ACK from the peer offered. */
    record Offer(int mss, boolean sackPermitted, boolean timestamps, int windowScale) {
        static final Offer NONE = new Offer(536, false, false, -1);

        static Offer of(TcpOptions options) {
            int mss = 536;
            boolean sack = false;
            boolean timestamps = false;
            int scale = -1;
            for (TcpOption option : options.list()) {
                if (option instanceof TcpOption.Mss m) {
                    mss = m.value();
                } else if (option instanceof TcpOption.SackPermitted) {
                    sack = true;
                } else if (option instanceof TcpOption.Timestamps) {
                    timestamps = true;
                } else if (option instanceof TcpOption.WindowScale w) {
                    scale = Math.min(w.shift(), 14);
                }
            }
            return new Offer(mss, sack, timestamps, scale);
        }
    }

    static TcpOptions syn(long timestamp) {
        return TcpOptions.of(new TcpOption.Mss(MSS), new TcpOption.SackPermitted(),
                new TcpOption.Timestamps(timestamp, 0), new TcpOption.Nop(), new TcpOption.WindowScale(WINDOW_SCALE));
    }

    static TcpOptions synAck(Offer offer, long timestamp, long echo) {
        List<TcpOption> options = new ArrayList<>(7);
        options.add(new TcpOption.Mss(MSS));
        if (offer.timestamps()) {
            if (offer.sackPermitted()) {
                options.add(new TcpOption.SackPermitted());
            } else {
                options.add(new TcpOption.Nop());
                options.add(new TcpOption.Nop());
            }
            options.add(new TcpOption.Timestamps(timestamp, echo));
        }
        if (offer.windowScale() >= 0) {
            options.add(new TcpOption.Nop());
            options.add(new TcpOption.WindowScale(WINDOW_SCALE));
        }
        if (offer.sackPermitted() && !offer.timestamps()) {
            options.add(new TcpOption.Nop());
            options.add(new TcpOption.Nop());
            options.add(new TcpOption.SackPermitted());
        }
        return TcpOptions.of(options);
    }

    static TcpOptions timestamps(long timestamp, long echo) {
        return TcpOptions.of(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(timestamp, echo));
    }

    /** The most data one segment carries: the peer's MSS (at most ours) less 12 bytes when timestamps are on. */
    static int segmentSize(Offer offer) {
        return Math.min(offer.mss(), MSS) - (offer.timestamps() ? TIMESTAMPS_LENGTH : 0);
    }

    /**
     * The receive window Linux starts with ({@code tcp_select_initial_window}): the largest multiple of
     * the expected segment size that fits in 65535.
     */
    static int initialWindow(boolean timestamps) {
        int mss = MSS - (timestamps ? TIMESTAMPS_LENGTH : 0);
        return 65535 / mss * mss;
    }

    /** The window field once the handshake is done: the initial window scaled down, to the nearest unit. */
    static int scaledWindow(int window, int shift) {
        return shift <= 0 ? window : (window + (1 << (shift - 1))) >> shift;
    }

    /** The peer's timestamp value (TSval) in {@code options}, or -1; walks the bytes without allocating. */
    static long timestampValue(TcpOptions options) {
        Bytes bytes = options.bytes();
        int i = 0;
        while (i < bytes.length()) {
            int kind = bytes.get(i);
            if (kind == TcpOption.KIND_END) {
                return -1;
            }
            if (kind == TcpOption.KIND_NOP) {
                i++;
                continue;
            }
            if (kind == TcpOption.KIND_TIMESTAMPS) {
                return (long) bytes.getUnsignedShort(i + 2) << 16 | bytes.getUnsignedShort(i + 4);
            }
            i += bytes.get(i + 1);
        }
        return -1;
    }
}
