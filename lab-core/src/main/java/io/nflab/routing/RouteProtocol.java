package io.nflab.routing;

import io.nflab.link.CNumbers;
import java.util.Map;
import java.util.Optional;

/**
 * Who installed a route ({@code RTPROT_*}, 0..255): {@code kernel} for the routes of addresses,
 * {@code boot} (not shown by {@code ip route}) for what {@code ip route add} adds without {@code proto}.
 * Names are those of iproute2's {@code rt_protos}; others print as numbers.
 */
public record RouteProtocol(int value) {
    public static final RouteProtocol UNSPEC = new RouteProtocol(0);
    public static final RouteProtocol KERNEL = new RouteProtocol(2);
    public static final RouteProtocol BOOT = new RouteProtocol(3);
    public static final RouteProtocol STATIC = new RouteProtocol(4);

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(0, "unspec"), Map.entry(1, "redirect"),
            Map.entry(2, "kernel"), Map.entry(3, "boot"), Map.entry(4, "static"), Map.entry(8, "gated"),
            Map.entry(9, "ra"), Map.entry(10, "mrt"), Map.entry(11, "zebra"), Map.entry(12, "bird"),
            Map.entry(13, "dnrouted"), Map.entry(14, "xorp"), Map.entry(15, "ntk"), Map.entry(16, "dhcp"),
            Map.entry(18, "keepalived"), Map.entry(42, "babel"), Map.entry(99, "openr"), Map.entry(186, "bgp"),
            Map.entry(187, "isis"), Map.entry(188, "ospf"), Map.entry(189, "rip"), Map.entry(192, "eigrp"));

    public RouteProtocol {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("protocol out of range: " + value);
        }
    }

    /** A name of rt_protos or a number 0..255. */
    public static Optional<RouteProtocol> parse(String text) {
        for (Map.Entry<Integer, String> e : NAMES.entrySet()) {
            if (e.getValue().equals(text)) {
                return Optional.of(new RouteProtocol(e.getKey()));
            }
        }
        return CNumbers.parseUnsigned(text).filter(v -> v <= 255).map(v -> new RouteProtocol((int) (long) v));
    }

    public String displayName() {
        return NAMES.getOrDefault(value, Integer.toString(value));
    }

    @Override
    public String toString() {
        return displayName();
    }
}
