package io.nflab.netfilter.target;

/** {@code -j CLASSIFY --set-class MAJOR:MINOR} (mangle POSTROUTING, FORWARD, OUTPUT): the packet's tc priority. */
public record ClassifyTarget(int major, int minor) implements Target {

    public ClassifyTarget {
        if (major < 0 || major > 0xffff || minor < 0 || minor > 0xffff) {
            throw new IllegalArgumentException("class " + major + ":" + minor);
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
