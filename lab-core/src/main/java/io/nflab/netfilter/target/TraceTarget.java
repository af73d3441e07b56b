package io.nflab.netfilter.target;

/** {@code -j TRACE} (raw table): every rule this packet meets afterwards is logged. */
public enum TraceTarget implements Target {
    INSTANCE;

    @Override
    public boolean isTerminal() {
        return false;
    }
}
