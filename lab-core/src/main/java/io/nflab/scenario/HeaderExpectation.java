package io.nflab.scenario;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.IcmpType;
import io.nflab.packet.IpProtocol;
import io.nflab.packet.TcpFlags;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The header fields a delivered packet must have as it arrived (after every NAT on its way); absent
 * fields match anything.
 *
 * @param flags the TCP flags exactly (all eight bits)
 */
public record HeaderExpectation(Optional<Ipv4Address> src, Optional<Ipv4Address> dst, OptionalInt sport,
        OptionalInt dport, Optional<IpProtocol> protocol, OptionalInt ttl, OptionalInt tos, Optional<TcpFlags> flags,
        Optional<IcmpType> icmpType, OptionalInt icmpCode) {

    public static final HeaderExpectation ANY = new HeaderExpectation(Optional.empty(), Optional.empty(),
            OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), OptionalInt.empty());

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
