package io.nflab.netfilter;

/**
 * An inclusive range of TCP/UDP ports, {@code first..last}; a single port has first == last. A range
 * with first > last matches nothing; udp's parser lets one through as the kernel would store it.
 */
public record PortRange(int first, int last) {
    public static final PortRange ALL = new PortRange(0, 65535);

    public PortRange {
        if (first < 0 || first > 65535 || last < 0 || last > 65535) {
            throw new IllegalArgumentException("bad port range " + first + ":" + last);
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public boolean isAll() {
        return first == 0 && last == 65535;
    }

    public boolean isSingle() {
        return first == last;
    }
}
