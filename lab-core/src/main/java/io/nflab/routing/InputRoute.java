package io.nflab.routing;

import io.nflab.link.Errno;
import java.util.Objects;

/** What routing decided for a packet received on a device (the kernel's {@code ip_route_input}). */
public sealed interface InputRoute {

    /** For us: deliver locally. {@code route} is the local route that matched. */
    record Local(Route route) implements InputRoute {
        public Local {
            Objects.requireNonNull(route, "route");
        }
    }

    /** A broadcast (limited or of one of our subnets): deliver locally, never forward. */
    record Broadcast() implements InputRoute {
    }

    /** A multicast group we joined (224.0.0.1, all hosts): deliver locally. */
    record Multicast() implements InputRoute {
    }

    /**
     * Forward it (ip_forward is on): out of {@code out.ifindex()} to {@code out.nextHop(destination)}.
     *
     * @param redirect the packet leaves by the device it came in on, towards a sender on that link: the
     *                 kernel sends the sender an ICMP redirect ({@code IPSKB_DOREDIRECT}) and forwards it
     */
    record Forward(OutputRoute.Resolved out, boolean redirect) implements InputRoute {
        public Forward {
            Objects.requireNonNull(out, "out");
        }
    }

    /**
     * No route, or a route that refuses (the kernel's {@code ip_error}): dropped. With forwarding on, the
     * sender gets ICMP destination unreachable with {@link #icmpCode()}: network unreachable (0) without a
     * route, host unreachable (1) for an {@code unreachable} route, administratively prohibited (13) for
     * {@code prohibit}; a blackhole answers nothing. With forwarding off nothing is sent (error EHOSTUNREACH).
     */
    record Unreachable(Errno error, boolean sendsIcmp) implements InputRoute {
        public Unreachable {
            Objects.requireNonNull(error, "error");
        }

        /** The ICMP destination-unreachable code the sender gets, when {@link #sendsIcmp()}. */
        public int icmpCode() {
            return switch (error) {
                case ENETUNREACH -> 0;
                case EHOSTUNREACH -> 1;
                case EACCES -> 13;
                default -> throw new IllegalStateException("no ICMP for " + error);
            };
        }
    }

    /** Dropped silently as a martian or by reverse-path filtering. */
    record Martian(Reason reason) implements InputRoute {
        public Martian {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a packet is a martian. */
    enum Reason {
        /** An impossible source: multicast, broadcast, 0.0.0.0/8, loopback, or one of our own addresses. */
        SOURCE,
        /** An impossible destination: 0.0.0.0/8, loopback, or a route type that cannot be forwarded. */
        DESTINATION,
        /** rp_filter: the source is not reachable back through the receiving device ({@code EXDEV}). */
        REVERSE_PATH,
        /** A multicast group this namespace did not join. */
        MULTICAST
    }
}
