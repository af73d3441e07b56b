package io.nflab.address;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** A 48-bit Ethernet address, printed lowercase {@code aa:bb:cc:dd:ee:ff} as Linux prints it (and Jackson writes it). */
public final class MacAddress implements Comparable<MacAddress> {
    public static final MacAddress ZERO = new MacAddress(0L);
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    private final long bits;

    private MacAddress(long bits) {
        this.bits = bits;
    }

    public static MacAddress of(long bits) {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new AddressFormatException(Long.toHexString(bits), "MAC address");
        }
        return new MacAddress(bits);
    }

    @JsonCreator
    public static MacAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new AddressFormatException(text, "MAC address"));
    }

    /** Six groups of one or two ASCII hex digits separated by colons, any case. */
    public static Optional<MacAddress> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] groups = text.split(":", -1);
        if (groups.length != 6) {
            return Optional.empty();
        }
        long bits = 0;
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 2) {
                return Optional.empty();
            }
            int value = 0;
            for (char c : group.toCharArray()) {
                int digit = c < 0x80 ? Character.digit(c, 16) : -1;
                if (digit < 0) {
                    return Optional.empty();
                }
                value = value * 16 + digit;
            }
            bits = bits << 8 | value;
        }
        return Optional.of(new MacAddress(bits));
    }

    public long bits() {
        return bits;
    }

    public int octet(int index) {
        return (int) (bits >>> (40 - 8 * index)) & 0xff;
    }

    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    public boolean isMulticast() {
        return (octet(0) & 1) != 0;
    }

    @Override
    public int compareTo(MacAddress other) {
        return Long.compare(bits, other.bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    @JsonValue
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                text.append(':');
            }
            int octet = octet(i);
            text.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return text.toString();
    }
}
