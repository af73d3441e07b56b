package io.nflab.iptables;

import io.nflab.address.Ipv4Address;
import java.util.Map;

/**
 * How {@code iptables -L} without {@code -n} names an address: a host name, else a network name, else
 * the number. nflab never asks a resolver: it knows only Debian 12's defaults, {@code localhost} for
 * 127.0.0.1 (/etc/hosts) and the networks {@code default}, {@code loopback}, {@code link-local}
 * (/etc/networks). Any other address prints numerically, as iptables does when no name is found.
 */
public final class AddressNames {
    private static final Map<Integer, String> HOSTS = Map.of(0x7f000001, "localhost");
    private static final Map<Integer, String> NETWORKS = Map.of(
            0, "default", 0x7f000000, "loopback", 0xa9fe0000, "link-local");

    private AddressNames() {
    }

    /** {@code xtables_ipaddr_to_anyname}. */
    public static String anyName(Ipv4Address address) {
        String host = HOSTS.get(address.bits());
        if (host != null) {
            return host;
        }
        String network = NETWORKS.get(address.bits());
        return network != null ? network : address.toString();
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
