package io.nflab.iptables;

import io.nflab.address.Ipv4Address;
import io.nflab.netfilter.AddressSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code -s}/{@code -d} arguments as {@code xtables_ipparse_multiple} reads them: comma-separated
 * {@code address[/mask]}, the mask a prefix length or dotted; {@code 10.1} means {@code 10.1.0.0}.
 * Names resolve only through {@link AddressNames} (localhost and Debian's standard networks); nflab
 * does no DNS lookup, so any other name is reported as not found.
 */
final class Addresses {
    private Addresses() {
    }

    static List<AddressSpec> parseList(String text) {
        List<AddressSpec> specs = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.stripLeading();
            if (trimmed.length() > 255) {
                throw IptablesException.parameter("Hostname too long");
            }
            int slash = trimmed.lastIndexOf('/');
            Ipv4Address mask = slash < 0 ? Ipv4Address.BROADCAST : parseMask(trimmed.substring(slash + 1));
            String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (mask.bits() == 0) {
                host = "0.0.0.0";
            }
            Ipv4Address address = parseNumeric(host, false);
            List<Ipv4Address> addresses = address != null ? List.of(address) : AddressNames.byName(host);
            if (addresses.isEmpty()) {
                throw IptablesException.parameter("host/network `" + host + "' not found");
            }
            for (Ipv4Address each : addresses) {
                specs.add(new AddressSpec(each, mask, false));
            }
        }
        return specs;
    }

    static Ipv4Address parseMask(String text) {
        Ipv4Address dotted = parseNumeric(text, true);
        if (dotted != null) {
            return dotted;
        }
        var bits = Numbers.parse(text, 0, 32);
        if (bits.isEmpty()) {
            throw IptablesException.parameter("invalid mask `" + text + "' specified");
        }
        return Ipv4Address.of(io.nflab.address.Ipv4Prefix.maskBits((int) bits.getAsLong()));
    }

    /** {@code __numeric_to_ipaddr}: up to four parts each 0..255 (base 0); fewer parts fill with zeros unless a mask. */
    static Ipv4Address parseNumeric(String text, boolean isMask) {
        String buffer = text.length() > 19 ? text.substring(0, 19) : text;
        String[] parts = buffer.split("\\.", -1);
        if (parts.length > 4 || isMask && parts.length != 4) {
            if (parts.length > 4) {
                return null;
            }
            return null;
        }
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            int octet = 0;
            if (i < parts.length) {
                var value = Numbers.parse(parts[i], 0, 255);
                if (value.isEmpty()) {
                    return null;
                }
                octet = (int) value.getAsLong();
            }
            bits = bits << 8 | octet;
        }
        return Ipv4Address.of(bits);
    }
}
