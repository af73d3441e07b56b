package io.nflab.routing;

/** The route types of {@code ip route} that nflab knows; unicast is the default and is not written. */
public enum RouteType {
    /** Forward to a gateway or straight out of a device. */
    UNICAST("unicast"),
    /** Discard silently. */
    BLACKHOLE("blackhole"),
    /** Discard and answer ICMP host unreachable. */
    UNREACHABLE("unreachable"),
    /** Discard and answer ICMP communication administratively prohibited. */
    PROHIBIT("prohibit");

    private final String keyword;

    RouteType(String keyword) {
        this.keyword = keyword;
    }

    /** The word {@code ip route} uses. */
    public String keyword() {
        return keyword;
    }
}
