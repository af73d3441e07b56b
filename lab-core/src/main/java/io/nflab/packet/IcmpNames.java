package io.nflab.packet;

import java.util.List;
import java.util.Optional;

/**
 * iptables' table of ICMP names (extensions/libxt_icmp.h of iptables 1.8.9), in its order, for
 * {@code --icmp-type} parsing and printing and for the packet text form.
 */
public final class IcmpNames {
    private static final List<IcmpName> ALL = List.of(
            name("any", 0xff, 0, 0xff),
            name("echo-reply", 0, 0, 0xff),
            alias("pong", 0, 0, 0xff),
            name("destination-unreachable", 3, 0, 0xff),
            name("network-unreachable", 3, 0, 0),
            name("host-unreachable", 3, 1, 1),
            name("protocol-unreachable", 3, 2, 2),
            name("port-unreachable", 3, 3, 3),
            name("fragmentation-needed", 3, 4, 4),
            name("source-route-failed", 3, 5, 5),
            name("network-unknown", 3, 6, 6),
            name("host-unknown", 3, 7, 7),
            name("network-prohibited", 3, 9, 9),
            name("host-prohibited", 3, 10, 10),
            name("TOS-network-unreachable", 3, 11, 11),
            name("TOS-host-unreachable", 3, 12, 12),
            name("communication-prohibited", 3, 13, 13),
            name("host-precedence-violation", 3, 14, 14),
            name("precedence-cutoff", 3, 15, 15),
            name("source-quench", 4, 0, 0xff),
            name("redirect", 5, 0, 0xff),
            name("network-redirect", 5, 0, 0),
            name("host-redirect", 5, 1, 1),
            name("TOS-network-redirect", 5, 2, 2),
            name("TOS-host-redirect", 5, 3, 3),
            name("echo-request", 8, 0, 0xff),
            alias("ping", 8, 0, 0xff),
            name("router-advertisement", 9, 0, 0xff),
            name("router-solicitation", 10, 0, 0xff),
            name("time-exceeded", 11, 0, 0xff),
            alias("ttl-exceeded", 11, 0, 0xff),
            name("ttl-zero-during-transit", 11, 0, 0),
            name("ttl-zero-during-reassembly", 11, 1, 1),
            name("parameter-problem", 12, 0, 0xff),
            name("ip-header-bad", 12, 0, 0),
            name("required-option-missing", 12, 1, 1),
            name("timestamp-request", 13, 0, 0xff),
            name("timestamp-reply", 14, 0, 0xff),
            name("address-mask-request", 17, 0, 0xff),
            name("address-mask-reply", 18, 0, 0xff));

    private IcmpNames() {
    }

    /** Every entry in iptables' order (the order of {@code iptables -p icmp -h}). */
    public static List<IcmpName> all() {
        return ALL;
    }

    /** The entry with exactly this name, ignoring case ({@code TOS-host-unreachable}). */
    public static Optional<IcmpName> lookup(String name) {
        for (IcmpName entry : ALL) {
            if (entry.name().equalsIgnoreCase(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The non-alias name for all codes of {@code type} ({@code echo-request}), if iptables has one. */
    public static Optional<String> typeName(int type) {
        return find(type, 0, 0xff);
    }

    /** The non-alias name for exactly this type and code ({@code port-unreachable}), if iptables has one. */
    public static Optional<String> codeName(int type, int code) {
        return find(type, code, code);
    }

    private static Optional<String> find(int type, int codeMin, int codeMax) {
        for (IcmpName entry : ALL) {
            if (!entry.alias() && entry.type() == type && entry.codeMin() == codeMin && entry.codeMax() == codeMax
                    && type != 0xff) {
                return Optional.of(entry.name());
            }
        }
        return Optional.empty();
    }

    private static IcmpName name(String name, int type, int codeMin, int codeMax) {
        return new IcmpName(name, type, codeMin, codeMax, false);
    }

    private static IcmpName alias(String name, int type, int codeMin, int codeMax) {
        return new IcmpName(name, type, codeMin, codeMax, true);
    }
}
