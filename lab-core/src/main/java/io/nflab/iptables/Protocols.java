package io.nflab.iptables;

import java.util.Map;
import java.util.Optional;

/** Protocol names as iptables parses and prints {@code -p}: its own table first, then /etc/protocols. */
public final class Protocols {
    /** libxtables' xtables_chain_protos, in its order (the first name of a number is printed). */
    private static final String[] CHAIN_PROTO_NAMES = {
        "tcp", "sctp", "udp", "udplite", "icmp", "ipv6-icmp", "icmpv6", "esp", "ah", "mobility-header",
        "ipv6-mh", "mh", "all"};
    private static final Map<String, Integer> CHAIN_PROTOS = Map.ofEntries(
            Map.entry("tcp", 6), Map.entry("sctp", 132), Map.entry("udp", 17), Map.entry("udplite", 136),
            Map.entry("icmp", 1), Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58), Map.entry("esp", 50),
            Map.entry("ah", 51), Map.entry("mobility-header", 135), Map.entry("ipv6-mh", 135), Map.entry("mh", 135),
            Map.entry("all", 0));

    private Protocols() {
    }

    /** {@code xtables_parse_protocol}: a number 0..255, a known name, or an /etc/protocols name. */
    public static int parse(String text) {
        var number = Numbers.parse(text, 0, 255);
        if (number.isPresent()) {
            return (int) number.getAsLong();
        }
        Integer known = CHAIN_PROTOS.get(text);
        if (known != null) {
            return known;
        }
        return NameTables.get().protocolNumber(text).orElseThrow(() ->
                IptablesException.parameter("unknown protocol \"" + text + "\" specified"));
    }

    /** {@code proto_to_name}: iptables' own names, then (unless {@code noLookup}) /etc/protocols; empty for unknown. */
    public static Optional<String> name(int number, boolean noLookup) {
        for (String name : CHAIN_PROTO_NAMES) {
            if (CHAIN_PROTOS.get(name) == number) {
                return Optional.of(name);
            }
        }
        if (number != 0 && !noLookup) {
            return NameTables.get().protocolName(number);
        }
        return Optional.empty();
    }
}
