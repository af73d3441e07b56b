package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One rule of the routing policy database (the kernel's {@code fib4_rule}, what {@code ip rule add} makes):
 * a packet that matches every selector given is looked up in {@code table}.
 *
 * @param priority {@code pref}: rules are tried in ascending order
 * @param from     {@code from PREFIX} as given (the kernel keeps host bits), {@link Selector#ALL} for {@code from all}
 * @param to       {@code to PREFIX}, {@link Selector#ALL} for any destination
 * @param mark     {@code fwmark MARK}: the packet's mark must agree with it in the bits of {@code mask}
 * @param mask     {@code /MASK} of the fwmark: 0xffffffff when only a non-zero mark is given, 0 without fwmark
 * @param iif      {@code iif NAME}: the device the packet came in on ({@code lo} for local output)
 * @param oif      {@code oif NAME}: the device the sender bound the packet to
 * @param table    {@code lookup TABLE}
 */
public record RoutingRule(long priority, Selector from, Selector to, long mark, long mask, Optional<String> iif,
        Optional<String> oif, long table) {

    /** The fwmark mask of a mark given without one. */
    public static final long FULL_MASK = 0xffff_ffffL;

    /**
     * An address selector: {@code address/length} where only the first {@code length} bits count.
     *
     * @param length 0 matches every address
     */
    public record Selector(Ipv4Address address, int length) {
        /** {@code all}: every address. */
        public static final Selector ALL = new Selector(Ipv4Address.ANY, 0);

        public Selector {
            Objects.requireNonNull(address, "address");
            if (length < 0 || length > 32) {
                throw new IllegalArgumentException("prefix length out of range: " + length);
            }
        }

        /** Whether the first {@code length} bits of {@code other} are this selector's. */
        public boolean matches(Ipv4Address other) {
            return ((other.bits() ^ address.bits()) & Ipv4Prefix.maskBits(length)) == 0;
        }

        /** As {@code ip rule} prints it: the address alone for /32, else {@code address/length}. */
        @Override
        public String toString() {
            return length == 32 ? address.toString() : address + "/" + length;
        }
    }

    public RoutingRule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(iif, "iif");
        Objects.requireNonNull(oif, "oif");
        if (outOfRange(priority) || outOfRange(table) || outOfRange(mark) || outOfRange(mask)) {
            throw new IllegalArgumentException("rule value out of range: " + priority + " " + table + " " + mark
                    + "/" + mask);
        }
    }

    /** A rule that sends every packet to {@code table} (the default rules). */
    public static RoutingRule all(long priority, long table) {
        return new RoutingRule(priority, Selector.ALL, Selector.ALL, 0, 0, Optional.empty(), Optional.empty(), table);
    }

    /** The kernel's {@code fib_rule_match} with {@code fib4_rule_match}: whether the flow is this rule's. */
    public boolean matches(Ipv4Address destination, Ipv4Address source, long packetMark, String inName,
            String outName) {
        return (iif.isEmpty() || iif.get().equals(inName))
                && (oif.isEmpty() || oif.get().equals(outName))
                && ((mark ^ packetMark) & mask) == 0
                && from.matches(source)
                && to.matches(destination);
    }

    /**
     * The rule as {@code ip rule list} prints it (iproute2 6.1's {@code print_rule}), without a newline.
     *
     * @param deviceExists whether a device of that name exists (else {@code [detached]} follows its name)
     */
    public String format(Predicate<String> deviceExists) {
        StringBuilder line = new StringBuilder().append(priority).append(":\tfrom ");
        line.append(from.length() == 0 ? "all" : from.toString());
        if (to.length() != 0) {
            line.append(" to ").append(to);
        }
        if (mark != 0 || mask != 0) {
            line.append(" fwmark ").append(hex(mark));
            if (mask != FULL_MASK) {
                line.append('/').append(hex(mask));
            }
        }
        iif.ifPresent(d -> line.append(" iif ").append(d).append(deviceExists.test(d) ? "" : " [detached]"));
        oif.ifPresent(d -> line.append(" oif ").append(d).append(deviceExists.test(d) ? "" : " [detached]"));
        return line.append(" lookup ").append(RouteTables.name(table)).toString();
    }

    /** C's {@code %#x}: {@code 0x} and hex digits, but a plain {@code 0} for zero. */
    private static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    private static boolean outOfRange(long value) {
        return value < 0 || value > 0xffff_ffffL;
    }
}
