package io.nflab.iptables.target;

import io.nflab.address.Ipv4Address;
import io.nflab.iptables.IptablesException;
import io.nflab.iptables.NameTables;
import io.nflab.iptables.Numbers;
import io.nflab.netfilter.target.NatRange;

/** libxt_NAT's {@code parse_to}, {@code parse_ports} and {@code sprint_range} for IPv4. */
final class NatRanges {
    private NatRanges() {
    }

    /** Ports may be given only for these protocols (tcp, udp, sctp, dccp, icmp). */
    static boolean portsAllowed(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 132 || protocol == 33 || protocol == 1;
    }

    /** {@code --to-destination/--to-source [ADDR[-ADDR]][:PORT[-PORT]]}. */
    static NatRange parseTo(String text, boolean portsAllowed) {
        if (text.indexOf('[') >= 0) {
            throw IptablesException.parameter("Invalid address format");
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            colon = -1;
        }
        NatRange ports = NatRange.NONE;
        if (colon >= 0) {
            ports = parsePorts(text.substring(colon + 1), portsAllowed);
            if (colon == 0 || colon == 2) {
                return ports;
            }
        }
        String addresses = colon >= 0 ? text.substring(0, colon) : text;
        int dash = addresses.indexOf('-');
        Ipv4Address min = address(dash < 0 ? addresses : addresses.substring(0, dash));
        Ipv4Address max = dash < 0 ? min : address(addresses.substring(dash + 1));
        return new NatRange(min, max, ports.minPort(), ports.maxPort(), true, ports.hasPorts(), ports.basePort());
    }

    /** {@code inet_pton(AF_INET)}: exactly four decimal parts. */
    private static Ipv4Address address(String text) {
        String[] parts = text.split("\\.", -1);
        boolean valid = parts.length == 4;
        for (String part : parts) {
            valid &= !part.isEmpty() && part.length() <= 3 && part.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(part) <= 255 && !(part.length() > 1 && part.startsWith("0"));
        }
        if (!valid) {
            throw IptablesException.parameter("Bad IP address \"" + text + "\"");
        }
        return Ipv4Address.parse(text);
    }

    /** {@code PORT[-PORT]} (the first may be a service name). */
    static NatRange parsePorts(String text, boolean portsAllowed) {
        if (!portsAllowed) {
            throw IptablesException.parameter("Need TCP, UDP, SCTP or DCCP with port specification");
        }
        Numbers.ParsedPrefix first = Numbers.parsePrefix(text, 0);
        int port;
        int end;
        if (first == null || first.value() > 65535 || text.startsWith("-")) {
            port = NameTables.get().servicePort(text, "tcp").or(() -> NameTables.get().servicePort(text, "udp"))
                    .orElseThrow(() -> IptablesException.parameter("Port `" + text + "' not valid"));
            end = text.length();
        } else {
            port = (int) first.value();
            end = first.end();
        }
        if (end == text.length()) {
            return NatRange.ports(port, port);
        }
        char next = text.charAt(end);
        if (next == ':') {
            throw IptablesException.parameter("Invalid port:port syntax - use dash");
        }
        if (next != '-') {
            throw IptablesException.parameter("Garbage after port value: `" + text.substring(end) + "'");
        }
        String rest = text.substring(end + 1);
        Numbers.ParsedPrefix max = Numbers.parsePrefix(rest, 0);
        if (max == null || max.value() > 65535) {
            throw IptablesException.parameter("Port `" + rest + "' not valid");
        }
        if (max.value() < port) {
            throw IptablesException.parameter("Port range `" + rest + "' funky");
        }
        NatRange range = NatRange.ports(port, (int) max.value());
        if (max.end() == rest.length()) {
            return range;
        }
        if (rest.charAt(max.end()) != '/') {
            throw IptablesException.parameter("Garbage after port range: `" + rest.substring(max.end()) + "'");
        }
        String baseText = rest.substring(max.end() + 1);
        var base = Numbers.parse(baseText, 1, 65535);
        int basePort = base.isPresent() ? (int) base.getAsLong()
                : NameTables.get().servicePort(baseText, "tcp").or(() -> NameTables.get().servicePort(baseText, "udp"))
                        .orElseThrow(() -> IptablesException.parameter("Port `" + baseText + "' not valid"));
        return range.withBasePort(basePort);
    }

    /** {@code sprint_range}: {@code ADDR[-ADDR]} then {@code :PORT[-PORT]}. */
    static String format(NatRange range) {
        StringBuilder out = new StringBuilder();
        if (range.hasAddresses()) {
            out.append(range.minAddress());
            if (!range.minAddress().equals(range.maxAddress())) {
                out.append('-').append(range.maxAddress());
            }
        }
        if (range.hasPorts()) {
            out.append(':').append(range.minPort());
            if (range.maxPort() != range.minPort()) {
                out.append('-').append(range.maxPort());
            }
            if (range.basePort() != 0) {
                out.append('/').append(range.basePort());
            }
        }
        return out.toString();
    }

    /** libxt_NAT's {@code __NAT_print}: the range after {@code rangeOption}, then the flags after {@code flagPrefix}. */
    static void print(NatRange range, String rangeOption, String flagPrefix, boolean skipColon,
                      boolean random, boolean fullyRandom, boolean persistent, StringBuilder out) {
        String text = format(range);
        if (!text.isEmpty()) {
            if (skipColon && text.startsWith(":")) {
                text = text.substring(1);
            }
            out.append(' ').append(rangeOption).append(text);
        }
        if (random) {
            out.append(' ').append(flagPrefix).append("random");
        }
        if (fullyRandom) {
            out.append(' ').append(flagPrefix).append("random-fully");
        }
        if (persistent) {
            out.append(' ').append(flagPrefix).append("persistent");
        }
    }
}
