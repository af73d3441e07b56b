package io.nflab.topology;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A network interface of a node, attached to a segment, with its address (as {@code ip addr add}
 * takes it), an optional fixed MAC (else the lab derives one) and whether it starts up.
 */
public record InterfaceSpec(String name, String segment, InterfaceAddress address, Optional<MacAddress> mac,
        boolean up) {

    public InterfaceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mac, "mac");
    }

    /** An interface that is up and has no fixed MAC. */
    public static InterfaceSpec of(String name, String segment, InterfaceAddress address) {
        return new InterfaceSpec(name, segment, address, Optional.empty(), true);
    }
}
