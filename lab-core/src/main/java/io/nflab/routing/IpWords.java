package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.address.MacAddress;
import io.nflab.link.CNumbers;
import io.nflab.packet.IpProtocol;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** How iproute2 6.1 reads the words of its commands: addresses, prefixes, numbers, MACs ({@code lib/utils.c}). */
final class IpWords {

    /** The names of /etc/iproute2/rt_dsfield as Debian 12 ships it. */
    private static final Map<String, Integer> DSFIELD_NAMES = Map.ofEntries(Map.entry("default", 0x00),
            Map.entry("AF11", 0x28), Map.entry("AF12", 0x30), Map.entry("AF13", 0x38), Map.entry("AF21", 0x48),
            Map.entry("AF22", 0x50), Map.entry("AF23", 0x58), Map.entry("AF31", 0x68), Map.entry("AF32", 0x70),
            Map.entry("AF33", 0x78), Map.entry("AF41", 0x88), Map.entry("AF42", 0x90), Map.entry("AF43", 0x98),
            Map.entry("CS1", 0x20), Map.entry("CS2", 0x40), Map.entry("CS3", 0x60), Map.entry("CS4", 0x80),
            Map.entry("CS5", 0xa0), Map.entry("CS6", 0xc0), Map.entry("CS7", 0xe0), Map.entry("EF", 0xb8));


    /** An address with a prefix length as iproute2 keeps it ({@code inet_prefix}); host bits may be set. */
    record InetPrefix(Ipv4Address address, int length, boolean lengthGiven) {
        Ipv4Prefix prefix() {
            return Ipv4Prefix.of(address, length);
        }

        boolean hasHostBits() {
            return (address.bits() & ~Ipv4Prefix.maskBits(length)) != 0;
        }

        /** {@code inet_addr_match(a, this, bits)}: the first {@code bits} bits agree. */
        boolean matchesFirst(Ipv4Address other, int bits) {
            int mask = Ipv4Prefix.maskBits(bits);
            return (other.bits() & mask) == (address.bits() & mask);
        }
    }

    private IpWords() {
    }

    /**
     * {@code get_prefix(dst, word, family)}: {@code default}/{@code any}/{@code all}, or an address
     * ({@code get_addr_ipv4}: 1 to 4 dotted numbers, each in C's strtoul notation) with an optional
     * {@code /LEN} or {@code /MASK}. On failure iproute2 says
     * {@code Error: <family> prefix is expected rather than "<word>".} and exits 1.
     *
     * @param inetKnown whether the family is already known to be inet (the message says "inet", else "any valid")
     */
    static InetPrefix prefix(String word, boolean inetKnown) {
        return tryPrefix(word, inetKnown).orElseThrow(() -> new IpExit(1, "Error: "
                + (inetKnown ? "inet" : "any valid") + " prefix is expected rather than \"" + word + "\".\n"));
    }

    static Optional<InetPrefix> tryPrefix(String word, boolean inetKnown) {
        checkIpv6(word, inetKnown);
        int slash = word.indexOf('/');
        String addressPart = slash < 0 ? word : word.substring(0, slash);
        boolean wildcard = addressPart.equals("default") || addressPart.equals("any") || addressPart.equals("all");
        if (wildcard) {
            return slash < 0 ? Optional.of(new InetPrefix(Ipv4Address.ANY, 0, true)) : Optional.empty();
        }
        Optional<Ipv4Address> address = ipv4(addressPart);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (slash < 0) {
            return Optional.of(new InetPrefix(address.get(), 32, false));
        }
        String lengthText = word.substring(slash + 1);
        OptionalLong length = unsigned(lengthText);
        if (length.isPresent()) {
            return length.getAsLong() <= 32
                    ? Optional.of(new InetPrefix(address.get(), (int) length.getAsLong(), true))
                    : Optional.empty();
        }
        return ipv4(lengthText).flatMap(IpWords::maskLength)
                .map(len -> new InetPrefix(address.get(), len, true));
    }

    /**
     * {@code get_addr(dst, word, family)}: an address (or {@code default}, which is 0.0.0.0). On failure:
     * {@code Error: <family> address is expected rather than "<word>".}, exit 1.
     */
    static Ipv4Address address(String word, boolean inetKnown) {
        checkIpv6(word, inetKnown);
        Optional<Ipv4Address> parsed = word.equals("default") || word.equals("any") || word.equals("all")
                ? Optional.of(Ipv4Address.ANY)
                : ipv4(word);
        return parsed.orElseThrow(() -> new IpExit(1, "Error: " + (inetKnown ? "inet" : "any valid")
                + " address is expected rather than \"" + word + "\".\n"));
    }

    /** {@code get_addr_ipv4}: one to four parts separated by dots, each 0..255 in strtoul(…, 0) notation. */
    static Optional<Ipv4Address> ipv4(String text) {
        int[] octets = new int[4];
        String rest = text;
        for (int i = 0; i < 4; i++) {
            int dot = rest.indexOf('.');
            String part = dot < 0 ? rest : rest.substring(0, dot);
            OptionalLong value = unsigned(part);
            if (value.isEmpty() || value.getAsLong() > 255) {
                return Optional.empty();
            }
            octets[i] = (int) value.getAsLong();
            if (dot < 0) {
                return Optional.of(Ipv4Address.of(octets[0], octets[1], octets[2], octets[3]));
            }
            if (i == 3) {
                return Optional.empty();
            }
            rest = rest.substring(dot + 1);
        }
        return Optional.empty();
    }

    /** {@code get_unsigned}/{@code get_u32(…, 0)}: 0..2^32-1 in strtoul(…, 0) notation, the whole word. */
    static OptionalLong unsigned(String word) {
        Optional<Long> value = CNumbers.parseUnsigned(word);
        return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
    }

    /**
     * {@code rtnl_dsfield_a2n}: a name of iproute2's {@code rt_dsfield} (Debian 12's file), else a hex number
     * (strtoul base 16) up to 255.
     */
    static Optional<Integer> dsfield(String word) {
        Integer named = DSFIELD_NAMES.get(word);
        if (named != null) {
            return Optional.of(named);
        }
        String digits = word.startsWith("0x") || word.startsWith("0X") ? word.substring(2) : word;
        if (digits.isEmpty() || digits.length() > 8 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        int value = Integer.parseUnsignedInt(digits, 16);
        return value >= 0 && value <= 255 ? Optional.of(value) : Optional.empty();
    }

    /** {@code inet_proto_a2n}: a decimal number up to 255 ({@code get_u8(…, 10)}), else a name of /etc/protocols. */
    static Optional<Integer> protocol(String word) {
        if (!word.isEmpty() && word.length() <= 3 && word.chars().allMatch(Character::isDigit)) {
            int value = Integer.parseInt(word);
            return value <= 255 ? Optional.of(value) : Optional.empty();
        }
        if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
            return Optional.empty();
        }
        return IpProtocol.tryParse(word).map(IpProtocol::number);
    }

    /** {@code get_integer(…, 0)}: a C int in strtol(…, 0) notation, the whole word. */
    static Optional<Integer> integer(String word) {
        return CNumbers.parseInt(word);
    }

    /**
     * {@code ll_addr_a2n}: colon-separated hex bytes; on a bad part iproute2 prints
     * {@code "<part>" is invalid lladdr.} and exits 1. Returns the bytes as a MAC when there are six.
     */
    static Optional<MacAddress> linkAddress(String word) {
        String[] parts = word.split(":", -1);
        long bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
                throw new IpExit(1, "\"" + part + "\" is invalid lladdr.\n");
            }
            bits = bits << 8 | Integer.parseInt(part, 16);
        }
        return parts.length == 6 ? Optional.of(MacAddress.of(bits)) : Optional.empty();
    }

    /** The prefix length of a contiguous netmask ({@code mask2bits}). */
    private static Optional<Integer> maskLength(Ipv4Address mask) {
        int bits = mask.bits();
        int length = Integer.bitCount(bits);
        return Ipv4Prefix.maskBits(length) == bits ? Optional.of(length) : Optional.empty();
    }

    /** nflab is IPv4 only: an IPv6 address where iproute2 would take one is refused clearly. */
    private static void checkIpv6(String word, boolean inetKnown) {
        if (!inetKnown && word.indexOf(':') >= 0) {
            throw IpExit.unsupported(word);
        }
    }
}
