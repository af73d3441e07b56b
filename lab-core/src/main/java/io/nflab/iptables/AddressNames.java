package io.nflab.iptables;

import io.nflab.address.Ipv4Address;
import java.util.List;
import java.util.Map;

/**
 * Host and network names as iptables sees them through glibc, with Debian 12's standard tables and
 * {@code hosts: files} (no DNS): {@code -L} without {@code -n} names 127.0.0.1 {@code localhost} and
 * prints every other address in numbers (never a network name); {@code -s}/{@code -d} accept
 * {@code localhost}, {@code ip6-localhost}, {@code ip6-loopback} (127.0.0.1) and the networks
 * {@code default}, {@code loopback}, {@code link-local}. nflab never asks a resolver.
 */
public final class AddressNames {
    private static final Map<Integer, String> HOSTS = Map.of(0x7f000001, "localhost");
    /**
     * What an IPv4 getaddrinfo gives for the hosts table's names: localhost appears on the 127.0.0.1
     * line and on the ::1 line, and glibc answers 127.0.0.1 for both, so it resolves to two addresses.
     */
    private static final Map<String, List<Integer>> HOST_NAMES = Map.of(
            "localhost", List.of(0x7f000001, 0x7f000001),
            "ip6-localhost", List.of(0x7f000001),
            "ip6-loopback", List.of(0x7f000001));
    private static final Map<String, Integer> NETWORK_NAMES = Map.of(
            "default", 0, "loopback", 0x7f000000, "link-local", 0xa9fe0000);

    private AddressNames() {
    }

    /** {@code xtables_ipaddr_to_anyname} with {@code hosts: files}: the host name, or the number. */
    public static String anyName(Ipv4Address address) {
        String host = HOSTS.get(address.bits());
        return host != null ? host : address.toString();
    }

    /** A host name of the hosts table (getaddrinfo); null when unknown. */
    public static Ipv4Address hostByName(String name) {
        List<Integer> host = HOST_NAMES.get(name);
        return host == null ? null : Ipv4Address.of(host.get(0));
    }

    /** A host name (all its addresses), then a network name, as {@code -s}/{@code -d} resolve them; empty when unknown. */
    public static List<Ipv4Address> byName(String name) {
        List<Integer> host = HOST_NAMES.get(name);
        if (host != null) {
            return host.stream().map(Ipv4Address::of).toList();
        }
        Integer network = NETWORK_NAMES.get(name);
        return network != null ? List.of(Ipv4Address.of(network)) : List.of();
    }

    /** {@code xtables_ipmask_to_numeric}: empty for /32, {@code /len} when contiguous, else {@code /dotted}. */
    public static String maskSuffix(Ipv4Address mask) {
        int bits = mask.bits();
        if (bits == -1) {
            return "";
        }
        int length = Integer.bitCount(bits);
        if (bits == io.nflab.address.Ipv4Prefix.maskBits(length)) {
            return "/" + length;
        }
        return "/" + mask;
    }

    /** {@code mask_to_str} of iptables-save: {@code 32}, a prefix length, or dotted. */
    public static String saveMask(Ipv4Address mask) {
        int bits = mask.bits();
        int length = Integer.bitCount(bits);
        if (bits == io.nflab.address.Ipv4Prefix.maskBits(length)) {
            return Integer.toString(length);
        }
        return mask.toString();
    }

    /** The address column of {@code -L}: {@code anywhere} for /0 unless numeric, else name or number with mask. */
    public static String column(Ipv4Address address, Ipv4Address mask, boolean numeric) {
        if (mask.bits() == 0 && !numeric) {
            return "anywhere";
        }
        return (numeric ? address.toString() : anyName(address)) + maskSuffix(mask);
    }

    /** {@code xtables_numeric_to_ipaddr}: {@code a.b.c.d}, fewer parts filled with zeros; null when invalid. */
    public static Ipv4Address numeric(String text) {
        return Addresses.parseNumeric(text, false);
    }
}
