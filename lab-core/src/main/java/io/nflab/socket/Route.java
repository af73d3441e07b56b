package io.nflab.socket;

import io.nflab.address.Ipv4Address;
import java.util.Objects;

/**
 * What the namespace's routing says about a destination when a socket connects or sends: the source
 * address it would use ({@link Reachable}), or the error {@code connect}/{@code sendto} fails with
 * ({@link Unreachable}: {@link Errno#ENETUNREACH} with no route, {@link Errno#EHOSTUNREACH} for an
 * {@code unreachable} route, {@link Errno#EINVAL} for {@code blackhole}, {@link Errno#EACCES} for
 * {@code prohibit}).
 */
public sealed interface Route permits Route.Reachable, Route.Unreachable {

    static Route via(Ipv4Address source) {
        return new Reachable(source);
    }

    static Route unreachable(Errno errno) {
        return new Unreachable(errno);
    }

    /** The route exists; packets to the destination leave from {@code source}. */
    record Reachable(Ipv4Address source) implements Route {
        public Reachable {
            Objects.requireNonNull(source, "source");
        }
    }

    /** No usable route. */
    record Unreachable(Errno errno) implements Route {
        public Unreachable {
            Objects.requireNonNull(errno, "errno");
        }
    }
}
