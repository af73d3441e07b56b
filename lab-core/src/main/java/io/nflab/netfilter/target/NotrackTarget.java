package io.nflab.netfilter.target;

/** {@code -j NOTRACK} (raw table): the packet is not tracked; the kernel runs it as {@code CT --notrack}. */
public enum NotrackTarget implements Target {
    INSTANCE;

    @Override
    public boolean isTerminal() {
        return false;
    }
}
