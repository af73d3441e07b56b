package io.nflab.address;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * An IPv4 address, held as its 32 bits in an {@code int} (compare unsigned).
 * Immutable; {@link #parse} accepts exactly the dotted-quad form {@code a.b.c.d} with decimal octets
 * and no leading zeros ({@code 010.0.0.1} is refused: C's inet_aton would read it as octal).
 * Jackson writes it as that text.
 */
public final class Ipv4Address implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7f000001);

    private final int bits;

    private Ipv4Address(int bits) {
        this.bits = bits;
    }

    public static Ipv4Address of(int bits) {
        return bits == 0 ? ANY : new Ipv4Address(bits);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new AddressFormatException(a + "." + b + "." + c + "." + d, "IPv4 address");
            }
        }
        return of(a << 24 | b << 16 | c << 8 | d);
    }

    /** Parses {@code a.b.c.d}; anything else throws {@link AddressFormatException}. */
    @JsonCreator
    public static Ipv4Address parse(String text) {
        return tryParse(text).orElseThrow(() -> new AddressFormatException(text, "IPv4 address"));
    }

    public static Optional<Ipv4Address> tryParse(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return Optional.empty();
        }
        int bits = 0;
        int octets = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || octets == 4) {
                    return Optional.empty();
                }
                bits = bits << 8 | value;
                octets++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return Optional.empty(); // a leading zero
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return octets == 4 ? Optional.of(of(bits)) : Optional.empty();
    }

    /** The 32 bits of the address. */
    public int bits() {
        return bits;
    }

    public int octet(int index) {
        return bits >>> (24 - 8 * index) & 0xff;
    }

    public boolean isAny() {
        return bits == 0;
    }

    public boolean isLoopback() {
        return octet(0) == 127;
    }

    public boolean isMulticast() {
        return (bits >>> 28) == 0xe;
    }

    public boolean isLimitedBroadcast() {
        return bits == -1;
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Address other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    @JsonValue
    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }
}
