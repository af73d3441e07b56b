package io.nflab.netfilter.target;

/** {@code -j DSCP --set-dscp N} or {@code --set-dscp-class CLASS}: the 6-bit DSCP field (mangle table only). */
public record DscpTarget(int dscp) implements Target {

    public DscpTarget {
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("dscp " + dscp);
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
