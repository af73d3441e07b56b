package io.nflab.netfilter.match;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.Negatable;
import java.util.Objects;
import java.util.Optional;

/** {@code -m iprange --src-range A-B / --dst-range A-B}, each with {@code !}. */
public record IprangeMatch(Optional<Negatable<Range>> source, Optional<Negatable<Range>> destination) implements Match {

    /** An inclusive address range. */
    public record Range(Ipv4Address first, Ipv4Address last) {
        public Range {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
        }

        public boolean contains(Ipv4Address address) {
            return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
        }
    }

    public IprangeMatch {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }
}
