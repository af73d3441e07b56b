package io.nflab.netfilter.target;

/** {@code -j TOS}: the TOS byte becomes {@code (tos & ~mask) ^ value} (all forms of {@code --set-tos} and friends). */
public record TosTarget(int value, int mask) implements Target {

    public TosTarget {
        if (value < 0 || value > 255 || mask < 0 || mask > 255) {
            throw new IllegalArgumentException("tos values are 8 bits");
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
