package io.nflab.scenario;

import io.nflab.address.Ipv4Address;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The header fields a delivered packet must have as it arrived (after every NAT on its way); absent
 * fields match anything.
 *
 * @param protocol the IP protocol number (tcp is 6, udp 17, icmp 1)
 * @param flags    TCP flag letters from FSRPAUEC ({@code S}, {@code SA}), or {@code none}
 */
public record HeaderExpectation(Optional<Ipv4Address> src, Optional<Ipv4Address> dst, OptionalInt sport,
        OptionalInt dport, OptionalInt protocol, OptionalInt ttl, OptionalInt tos, Optional<String> flags,
        OptionalInt icmpType, OptionalInt icmpCode) {

    public static final HeaderExpectation ANY = new HeaderExpectation(Optional.empty(), Optional.empty(),
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), OptionalInt.empty(), OptionalInt.empty());

    public HeaderExpectation {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(sport, "sport");
        Objects.requireNonNull(dport, "dport");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(tos, "tos");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(icmpType, "icmpType");
        Objects.requireNonNull(icmpCode, "icmpCode");
    }
}
