package io.nflab.address;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** An address configured on an interface with its prefix length, as {@code ip addr} shows it: {@code 192.168.1.1/24} (also its Jackson form). */
public record InterfaceAddress(Ipv4Address address, int prefixLength) {

    public InterfaceAddress {
        if (address == null) {
            throw new NullPointerException("address");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new AddressFormatException(address + "/" + prefixLength, "prefix length");
        }
    }

    @JsonCreator
    public static InterfaceAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new AddressFormatException(text, "interface address"));
    }

    /** {@code a.b.c.d/len}; a bare address is a /32 like {@code ip addr add} takes it. */
    public static Optional<InterfaceAddress> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        return Ipv4Address.tryParse(slash < 0 ? text : text.substring(0, slash))
                .flatMap(address -> Ipv4Prefix.tryParse(text)
                        .map(prefix -> new InterfaceAddress(address, prefix.length())));
    }

    /** The connected subnet: 192.168.1.1/24 gives 192.168.1.0/24. */
    public Ipv4Prefix subnet() {
        return Ipv4Prefix.of(address, prefixLength);
    }

    public Ipv4Address broadcast() {
        return subnet().broadcast();
    }

    @JsonValue
    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
