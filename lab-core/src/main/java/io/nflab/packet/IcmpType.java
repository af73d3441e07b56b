package io.nflab.packet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICMP type (0..255), an open set of named numbers: the names are iptables' ({@code echo-request},
 * {@code destination-unreachable}, …); other numbers print as the number. {@link #of} never allocates.
 */
public final class IcmpType implements Comparable<IcmpType> {
    private static final IcmpType[] ALL = new IcmpType[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new IcmpType(i, IcmpNames.typeName(i).orElse(null));
        }
    }

    public static final IcmpType ECHO_REPLY = of(0);
    public static final IcmpType DESTINATION_UNREACHABLE = of(3);
    public static final IcmpType SOURCE_QUENCH = of(4);
    public static final IcmpType REDIRECT = of(5);
    public static final IcmpType ECHO_REQUEST = of(8);
    public static final IcmpType ROUTER_ADVERTISEMENT = of(9);
    public static final IcmpType ROUTER_SOLICITATION = of(10);
    public static final IcmpType TIME_EXCEEDED = of(11);
    public static final IcmpType PARAMETER_PROBLEM = of(12);
    public static final IcmpType TIMESTAMP_REQUEST = of(13);
    public static final IcmpType TIMESTAMP_REPLY = of(14);
    public static final IcmpType INFO_REQUEST = of(15);
    public static final IcmpType INFO_REPLY = of(16);
    public static final IcmpType ADDRESS_MASK_REQUEST = of(17);
    public static final IcmpType ADDRESS_MASK_REPLY = of(18);

    private final int number;
    private final String name;

    private IcmpType(int number, String name) {
        this.number = number;
        this.name = name;
    }

    public static IcmpType of(int number) {
        return ALL[Octets.checked(number, "ICMP type")];
    }

    /** A decimal number or an iptables type name (any case; {@code ping} and the other aliases too). */
    @JsonCreator
    public static IcmpType parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("unknown ICMP type \"" + text + "\""));
    }

    public static Optional<IcmpType> tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt number = Octets.parseDecimal(text);
        if (number.isPresent()) {
            return Optional.of(ALL[number.getAsInt()]);
        }
        return IcmpNames.lookup(text).filter(IcmpName::isTypeName).map(entry -> ALL[entry.type()]);
    }

    public int number() {
        return number;
    }

    public boolean hasName() {
        return name != null;
    }

    /** The iptables name, or the decimal number when iptables has none. */
    @JsonValue
    public String name() {
        return name != null ? name : Integer.toString(number);
    }

    /**
     * Whether messages of this type are errors that quote the datagram that caused them
     * (destination-unreachable, source-quench, redirect, time-exceeded, parameter-problem;
     * the kernel's {@code icmp_is_err}).
     */
    public boolean isError() {
        return number == 3 || number == 4 || number == 5 || number == 11 || number == 12;
    }

    /**
     * Whether messages of this type carry an identifier and a sequence number (echo, timestamp,
     * information and address-mask requests and replies).
     */
    public boolean isQuery() {
        return number == 0 || number == 8 || (number >= 13 && number <= 18);
    }

    @Override
    public int compareTo(IcmpType other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IcmpType other && other.number == number;
    }

    @Override
    public int hashCode() {
        return number;
    }

    @Override
    public String toString() {
        return name();
    }
}
