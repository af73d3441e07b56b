package io.nflab.netfilter.target;

import java.util.Objects;

/**
 * {@code -j CONNMARK}: {@link Mode#SET} makes the connection mark {@code (ctmark & ~ctMask) ^ value};
 * {@link Mode#SAVE} copies {@code packet mark & nfMask} into the connection mark under {@code ctMask};
 * {@link Mode#RESTORE} copies {@code ctmark & ctMask} into the packet mark under {@code nfMask}.
 */
public record ConnmarkTarget(Mode mode, long value, long ctMask, long nfMask) implements Target {

    /** The kernel's {@code XT_CONNMARK_SET/SAVE/RESTORE}. */
    public enum Mode { SET, SAVE, RESTORE }

    public ConnmarkTarget {
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
