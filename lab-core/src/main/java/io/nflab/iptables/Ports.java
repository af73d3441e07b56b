package io.nflab.iptables;

import io.nflab.netfilter.PortRange;
import java.util.OptionalLong;

/** Port parsing and printing shared by tcp, udp, multiport and the NAT targets. */
public final class Ports {
    private Ports() {
    }

    /** {@code xtables_parse_port}: a number 0..65535 or a service name for {@code protocol}. */
    public static int parse(String text, String protocol) {
        OptionalLong number = Numbers.parse(text, 0, 65535);
        if (number.isPresent()) {
            return (int) number.getAsLong();
        }
        return NameTables.get().servicePort(text, protocol).orElseThrow(() ->
                IptablesException.parameter("invalid port/service `" + text + "' specified"));
    }

    /** tcp/udp's {@code --sport}/{@code --dport} argument: {@code P}, {@code A:B}, {@code :B}, {@code A:}. */
    public static PortRange parseRange(String text, String protocol) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return PortRange.single(parse(text, protocol));
        }
        String low = text.substring(0, colon);
        String high = text.substring(colon + 1);
        int first = low.isEmpty() ? 0 : parse(low, protocol);
        int last = high.isEmpty() ? 65535 : parse(high, protocol);
        if (first > last) {
            throw IptablesException.parameter("invalid portrange (min > max)");
        }
        return new PortRange(first, last);
    }

    /** A port as {@code -L} prints it: the service name unless numeric or unknown. */
    public static String name(int port, String protocol, boolean numeric) {
        if (numeric || protocol == null) {
            return Integer.toString(port);
        }
        return NameTables.get().serviceName(port, protocol).orElse(Integer.toString(port));
    }

    /**
     * libxtables' {@code XTTYPE_PORTRC} (udp's ports, conntrack's): {@code P}, {@code A:B}, {@code :B},
     * {@code A:}; names resolve like {@code getaddrinfo} does, tcp's services first, then udp's. No
     * min > max check, like the original.
     */
    public static PortRange parseRangeLikeGetaddrinfo(String extension, String option, String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw IptablesException.parameter(extension + ": Too many components for option \"--" + option
                    + "\" (max: 2)\n");
        }
        int first = parts[0].isEmpty() ? 0 : portByName(parts[0]);
        if (parts.length == 1) {
            return PortRange.single(first);
        }
        int last = parts[1].isEmpty() ? 65535 : portByName(parts[1]);
        return new PortRange(first, last);
    }

    private static int portByName(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 9) {
            return Integer.parseInt(text) & 0xffff;
        }
        return NameTables.get().servicePort(text, "tcp")
                .or(() -> NameTables.get().servicePort(text, "udp"))
                .orElseThrow(() -> IptablesException.parameter("Port \"" + text + "\" does not resolve to anything.\n"));
    }
}
