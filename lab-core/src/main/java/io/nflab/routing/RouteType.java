package io.nflab.routing;

/**
 * The route types of {@code ip route} ({@code RTN_*}) that nflab knows; unicast is the default and is not
 * written. Topology files take unicast, blackhole, unreachable and prohibit ({@link RouteSpec}); the kernel
 * itself adds local and broadcast routes for addresses.
 */
public enum RouteType {
    /** Forward to a gateway or straight out of a device. */
    UNICAST("unicast", 0),
    /** One of our own addresses: deliver locally (the local table). */
    LOCAL("local", 0),
    /** A broadcast address: deliver locally, and send to every host of the link. */
    BROADCAST("broadcast", 0),
    /** A multicast destination (only as a lookup result). */
    MULTICAST("multicast", 0),
    /** Discard silently ({@code -EINVAL}). */
    BLACKHOLE("blackhole", 22),
    /** Discard and answer ICMP host unreachable ({@code -EHOSTUNREACH}). */
    UNREACHABLE("unreachable", 113),
    /** Discard and answer ICMP communication administratively prohibited ({@code -EACCES}). */
    PROHIBIT("prohibit", 13),
    /** Continue with the next table ({@code -EAGAIN}); with no other table, the network is unreachable. */
    THROW("throw", 11);

    private final String keyword;
    private final int error;

    RouteType(String keyword, int error) {
        this.keyword = keyword;
        this.error = error;
    }

    /** The word {@code ip route} uses. */
    public String keyword() {
        return keyword;
    }

    /** Whether a lookup that finds this route fails (the kernel's {@code fib_props[type].error}). */
    public boolean isError() {
        return error != 0;
    }

    /** The type named by an {@code ip route} keyword. */
    public static java.util.Optional<RouteType> ofKeyword(String word) {
        for (RouteType type : values()) {
            if (type.keyword.equals(word)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
