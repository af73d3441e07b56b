package io.nflab.address;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * A CIDR block: a network address with its host bits cleared and a length 0..32.
 * {@code parse("192.168.1.7/24")} gives {@code 192.168.1.0/24}, as {@code ip route} and iptables show it;
 * a bare address is a /32. Jackson writes it as that text.
 */
public final class Ipv4Prefix implements Comparable<Ipv4Prefix> {
    public static final Ipv4Prefix ANY = new Ipv4Prefix(Ipv4Address.ANY, 0);

    private final Ipv4Address network;
    private final int length;

    private Ipv4Prefix(Ipv4Address network, int length) {
        this.network = network;
        this.length = length;
    }

    public static Ipv4Prefix of(Ipv4Address address, int length) {
        if (length < 0 || length > 32) {
            throw new AddressFormatException(address + "/" + length, "prefix length");
        }
        return new Ipv4Prefix(Ipv4Address.of(address.bits() & maskBits(length)), length);
    }

    @JsonCreator
    public static Ipv4Prefix parse(String text) {
        return tryParse(text).orElseThrow(() -> new AddressFormatException(text, "IPv4 prefix"));
    }

    public static Optional<Ipv4Prefix> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        Optional<Ipv4Address> address = Ipv4Address.tryParse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(of(address.get(), 32));
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int length = Integer.parseInt(len);
        return length > 32 ? Optional.empty() : Optional.of(of(address.get(), length));
    }

    /** The netmask bits of a prefix length: 24 gives 0xffffff00. */
    public static int maskBits(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public Ipv4Address network() {
        return network;
    }

    public int length() {
        return length;
    }

    public Ipv4Address mask() {
        return Ipv4Address.of(maskBits(length));
    }

    public Ipv4Address broadcast() {
        return Ipv4Address.of(network.bits() | ~maskBits(length));
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & maskBits(length)) == network.bits();
    }

    public boolean contains(Ipv4Prefix other) {
        return other.length >= length && contains(other.network);
    }

    @Override
    public int compareTo(Ipv4Prefix other) {
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(length, other.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Prefix other && other.length == length && other.network.equals(network);
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 33 + length;
    }

    @JsonValue
    @Override
    public String toString() {
        return network + "/" + length;
    }
}
