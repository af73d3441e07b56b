package io.nflab.link;

import io.nflab.address.Ipv4Address;
import io.nflab.address.MacAddress;
import java.util.Objects;
import java.util.Optional;

/** One neighbour entry as {@code ip neigh} shows it: address, device, MAC when known, state. */
public record Neighbour(Ipv4Address address, int ifindex, Optional<MacAddress> mac, NudState state) {

    public Neighbour {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(state, "state");
    }
}
