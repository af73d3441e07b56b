package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.link.Errno;
import java.util.Objects;
import java.util.Optional;

/** What routing decided for a locally generated packet (the kernel's {@code ip_route_output}). */
public sealed interface OutputRoute {

    /**
     * The packet goes out of {@code ifindex} ({@code lo} for our own addresses), to {@code gateway} when
     * there is one, else straight to its destination.
     *
     * @param type   UNICAST, LOCAL (to ourselves, over lo), BROADCAST or MULTICAST
     * @param source the packet's source address: the sender's when it chose one, else the kernel's choice
     *               (the route's {@code src}, else a primary address of the device, see
     *               {@link io.nflab.link.Links#selectAddress})
     * @param local  whether the packet is also delivered locally ({@code RTCF_LOCAL}: lo, broadcast,
     *               multicast groups we joined)
     * @param route  the route that decided it; empty when none did (limited broadcast with a device given,
     *               or "assume on-link" when a device is given and no route matches)
     */
    record Resolved(RouteType type, int ifindex, Optional<Ipv4Address> gateway, Ipv4Address source, boolean local,
            Optional<Route> route) implements OutputRoute {

        public Resolved {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(route, "route");
        }

        /** The neighbour the packet must reach: the gateway, or the destination itself. */
        public Ipv4Address nextHop(Ipv4Address destination) {
            return gateway.orElse(destination);
        }
    }

    /**
     * No way out: the sender gets this error ({@code ENETUNREACH} without a route, {@code EHOSTUNREACH} for
     * an unreachable route, {@code EACCES} for prohibit, {@code EINVAL} for blackhole or a bad source).
     */
    record Failed(Errno error) implements OutputRoute {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
