package io.nflab.netfilter.target;

import java.util.Objects;

/** {@code -j TTL --ttl-set/--ttl-dec/--ttl-inc N} (mangle table only). */
public record TtlTarget(Mode mode, int value) implements Target {

    /** The kernel's {@code IPT_TTL_SET/INC/DEC}. */
    public enum Mode { SET, INC, DEC }

    public TtlTarget {
        Objects.requireNonNull(mode, "mode");
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("ttl " + value);
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
