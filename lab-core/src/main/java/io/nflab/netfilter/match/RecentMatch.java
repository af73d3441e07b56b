package io.nflab.netfilter.match;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * {@code -m recent}: the list {@code name} of recently seen addresses ({@code --rsource}: the packet's
 * source, {@code --rdest}: its destination, under {@code mask}). {@code --set} adds, {@code --rcheck}
 * tests, {@code --update} tests and refreshes, {@code --remove} tests and removes; {@code seconds},
 * {@code hitCount} (0 when not given), {@code reap}, {@code rttl} refine the test. Parameters only: the
 * lists and the clock belong to the packet path.
 */
public record RecentMatch(String name, Mode mode, long seconds, long hitCount, boolean reap, boolean rttl,
                          Side side, Ipv4Address mask, boolean negated) implements Match {

    /** What the match does with the list (the kernel's XT_RECENT_SET/CHECK/UPDATE/REMOVE). */
    public enum Mode { SET, CHECK, UPDATE, REMOVE }

    /** Which address of the packet is listed. */
    public enum Side { SOURCE, DESTINATION }

    public RecentMatch {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(mask, "mask");
    }
}
