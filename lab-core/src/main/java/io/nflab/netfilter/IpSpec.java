package io.nflab.netfilter;

import java.util.Objects;

/**
 * The IP-level part of a rule, what iptables keeps in {@code struct ipt_ip}: {@code -p}, {@code -s},
 * {@code -d}, {@code -i}, {@code -o}, {@code -f}, each with its own {@code !}.
 * {@code protocol} is a {@code Negatable} IP protocol number, 0 meaning all protocols.
 */
public record IpSpec(
        Negatable<Integer> protocol,
        AddressSpec source,
        AddressSpec destination,
        InterfaceSpec in,
        InterfaceSpec out,
        FragmentSpec fragment) {

    public static final IpSpec ANY = new IpSpec(Negatable.of(0), AddressSpec.ANY, AddressSpec.ANY,
            InterfaceSpec.ANY, InterfaceSpec.ANY, FragmentSpec.ANY);

    public IpSpec {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(fragment, "fragment");
        if (protocol.value() < 0 || protocol.value() > 255) {
            throw new IllegalArgumentException("protocol number out of range: " + protocol.value());
        }
    }

    /** The protocol number the rule requires (not negated, non-zero), or 0. */
    public int requiredProtocol() {
        return protocol.negated() ? 0 : protocol.value();
    }

    public IpSpec withProtocol(Negatable<Integer> value) {
        return new IpSpec(value, source, destination, in, out, fragment);
    }

    public IpSpec withSource(AddressSpec value) {
        return new IpSpec(protocol, value, destination, in, out, fragment);
    }

    public IpSpec withDestination(AddressSpec value) {
        return new IpSpec(protocol, source, value, in, out, fragment);
    }

    public IpSpec withIn(InterfaceSpec value) {
        return new IpSpec(protocol, source, destination, value, out, fragment);
    }

    public IpSpec withOut(InterfaceSpec value) {
        return new IpSpec(protocol, source, destination, in, value, fragment);
    }

    public IpSpec withFragment(FragmentSpec value) {
        return new IpSpec(protocol, source, destination, in, out, value);
    }
}
