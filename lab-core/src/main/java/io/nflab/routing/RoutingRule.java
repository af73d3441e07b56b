package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.packet.IpProtocol;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One rule of the routing policy database (the kernel's {@code fib4_rule}, what {@code ip rule add} makes):
 * a packet that matches every selector given (or, with {@code not}, fails one of them) gets the rule's
 * action — usually a lookup in {@code table}.
 *
 * @param priority         {@code pref}: rules are tried in ascending order
 * @param invert           {@code not}: the rule applies to the flows its selectors do not match
 * @param from             {@code from PREFIX} as given (the kernel keeps host bits), {@link Selector#ALL} for {@code from all}
 * @param to               {@code to PREFIX}, {@link Selector#ALL} for any destination
 * @param tos              {@code tos}/{@code dsfield}: the TOS bits 0x1c the flow must have, 0 for any
 * @param mark             {@code fwmark MARK}: the packet's mark must agree with it in the bits of {@code mask}
 * @param mask             {@code /MASK} of the fwmark: 0xffffffff when only a non-zero mark is given, 0 without fwmark
 * @param iif              {@code iif NAME}: the device the packet came in on ({@code lo} for local output)
 * @param oif              {@code oif NAME}: the device the sender bound the packet to
 * @param uids             {@code uidrange}: the sending socket's uid must be in it
 * @param protocol         {@code ipproto}: the flow's IP protocol, 0 for any
 * @param sourcePorts      {@code sport}: the flow's source port must be in it
 * @param destinationPorts {@code dport}: the flow's destination port must be in it
 * @param table            {@code lookup TABLE}, 0 for none (rules whose action is not a lookup)
 * @param action           what a matching rule does
 * @param target           {@code goto}'s priority (0 for other actions)
 */
public record RoutingRule(long priority, boolean invert, Selector from, Selector to, int tos, long mark, long mask,
        Optional<String> iif, Optional<String> oif, UidRange uids, int protocol, PortRange sourcePorts,
        PortRange destinationPorts, long table, RuleAction action, long target) {

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

    /**
     * A port range of {@code sport}/{@code dport} ({@code fib_rule_port_range}); {@link #ANY} (0-0) is unset.
     */
    public record PortRange(int start, int end) {
        /** No port selector. */
        public static final PortRange ANY = new PortRange(0, 0);

        public PortRange {
            if (start < 0 || start > 0xffff || end < 0 || end > 0xffff) {
                throw new IllegalArgumentException("bad port range " + start + "-" + end);
            }
        }

        /** Whether a range is given. */
        public boolean isSet() {
            return start != 0 || end != 0;
        }

        /** The kernel's {@code fib_rule_port_range_valid}: 1..65534, start not after end. */
        public boolean isValid() {
            return start != 0 && end != 0xffff && start <= end;
        }

        boolean contains(int port) {
            return !isSet() || (port >= start && port <= end);
        }

        /** As {@code ip rule} prints it: one port, or {@code start-end}. */
        @Override
        public String toString() {
            return start == end ? Integer.toString(start) : start + "-" + end;
        }
    }

    /** A {@code uidrange}; {@link #ALL} is unset. */
    public record UidRange(long start, long end) {
        /** Every uid: no selector. */
        public static final UidRange ALL = new UidRange(0, 0xffff_ffffL);

        public UidRange {
            if (start < 0 || start > 0xffff_ffffL || end < 0 || end > 0xffff_ffffL) {
                throw new IllegalArgumentException("bad uid range " + start + "-" + end);
            }
        }

        /** What the kernel accepts as a given range: not every uid, start not after end. */
        public boolean isValid() {
            return !equals(ALL) && start <= end;
        }

        boolean contains(long uid) {
            return uid >= start && uid <= end;
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    public RoutingRule {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(iif, "iif");
        Objects.requireNonNull(oif, "oif");
        Objects.requireNonNull(uids, "uids");
        Objects.requireNonNull(sourcePorts, "sourcePorts");
        Objects.requireNonNull(destinationPorts, "destinationPorts");
        Objects.requireNonNull(action, "action");
        if (outOfRange(priority) || outOfRange(table) || outOfRange(mark) || outOfRange(mask) || outOfRange(target)
                || tos < 0 || tos > 255 || protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("rule value out of range: " + priority + " " + table + " " + mark
                    + "/" + mask + " tos " + tos + " ipproto " + protocol + " goto " + target);
        }
    }

    /** A rule with only address, mark and device selectors that looks up {@code table}. */
    public RoutingRule(long priority, Selector from, Selector to, long mark, long mask, Optional<String> iif,
            Optional<String> oif, long table) {
        this(priority, false, from, to, 0, mark, mask, iif, oif, UidRange.ALL, 0, PortRange.ANY, PortRange.ANY,
                table, RuleAction.TO_TABLE, 0);
    }

    /** The same rule at another priority. */
    public RoutingRule withPriority(long newPriority) {
        return new RoutingRule(newPriority, invert, from, to, tos, mark, mask, iif, oif, uids, protocol, sourcePorts,
                destinationPorts, table, action, target);
    }

    /** The same rule looking up another table. */
    public RoutingRule withTable(long newTable) {
        return new RoutingRule(priority, invert, from, to, tos, mark, mask, iif, oif, uids, protocol, sourcePorts,
                destinationPorts, newTable, action, target);
    }

    /** A rule that sends every packet to {@code table} (the default rules). */
    public static RoutingRule all(long priority, long table) {
        return new RoutingRule(priority, Selector.ALL, Selector.ALL, 0, 0, Optional.empty(), Optional.empty(), table);
    }

    /**
     * The kernel's {@code fib_rule_match} with {@code fib4_rule_match}: whether the flow is this rule's
     * ({@code not} inverts the whole answer).
     */
    public boolean matches(Ipv4Address destination, Ipv4Address source, RouteFlow flow, String inName,
            String outName) {
        boolean matched = (iif.isEmpty() || iif.get().equals(inName))
                && (oif.isEmpty() || oif.get().equals(outName))
                && ((mark ^ flow.mark()) & mask) == 0
                && uids.contains(flow.uid())
                && from.matches(source)
                && to.matches(destination)
                && (tos == 0 || tos == (flow.tos() & RouteFlow.TOS_MASK))
                && (protocol == 0 || protocol == flow.protocol())
                && sourcePorts.contains(flow.sourcePort())
                && destinationPorts.contains(flow.destinationPort());
        return matched != invert;
    }

    /**
     * The rule as {@code ip rule list} prints it (iproute2 6.1's {@code print_rule}), without a newline.
     *
     * @param deviceExists whether a device of that name exists (else {@code [detached]} follows its name)
     * @param resolved     for a {@code goto}: whether a rule of the target priority exists
     */
    public String format(Predicate<String> deviceExists, boolean resolved) {
        StringBuilder line = new StringBuilder().append(priority).append(":\t");
        if (invert) {
            line.append("not ");
        }
        line.append("from ").append(from.length() == 0 ? "all" : from.toString());
        if (to.length() != 0) {
            line.append(" to ").append(to);
        }
        if (tos != 0) {
            line.append(" tos ").append(String.format("0x%02x", tos));
        }
        if (mark != 0 || mask != 0) {
            line.append(" fwmark ").append(hex(mark));
            if (mask != FULL_MASK) {
                line.append('/').append(hex(mask));
            }
        }
        iif.ifPresent(d -> line.append(" iif ").append(d).append(deviceExists.test(d) ? "" : " [detached]"));
        oif.ifPresent(d -> line.append(" oif ").append(d).append(deviceExists.test(d) ? "" : " [detached]"));
        if (!uids.equals(UidRange.ALL)) {
            line.append(" uidrange ").append(uids);
        }
        if (protocol != 0) {
            IpProtocol named = IpProtocol.of(protocol);
            line.append(" ipproto ").append(named.hasName() ? named.name() : "ipproto-" + protocol);
        }
        if (sourcePorts.isSet()) {
            line.append(" sport ").append(sourcePorts);
        }
        if (destinationPorts.isSet()) {
            line.append(" dport ").append(destinationPorts);
        }
        if (table != 0) {
            line.append(" lookup ").append(RouteTables.name(table));
        }
        switch (action) {
            case TO_TABLE -> { }
            case GOTO -> line.append(" goto ").append(target).append(resolved ? "" : " [unresolved]");
            case NOP -> line.append(" nop");
            default -> line.append(' ').append(action.typeName());
        }
        return line.toString();
    }

    /** {@link #format(Predicate, boolean)} for a rule that is not an unresolved {@code goto}. */
    public String format(Predicate<String> deviceExists) {
        return format(deviceExists, true);
    }

    /** C's {@code %#x}: {@code 0x} and hex digits, but a plain {@code 0} for zero. */
    private static String hex(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    private static boolean outOfRange(long value) {
        return value < 0 || value > 0xffff_ffffL;
    }
}
