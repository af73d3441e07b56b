package io.nflab.routing;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static route as {@code ip route add} takes it:
 * {@code default via A}, {@code PREFIX via A [dev D] [metric N]}, {@code PREFIX dev D [metric N]},
 * {@code blackhole|unreachable|prohibit PREFIX [metric N]}, each optionally with {@code table T} (a number
 * 1..4294967295 or {@code main}, {@code local}, {@code default}; main when not given). A bare address is a
 * /32 host route.
 *
 * @param gateway the next hop ({@code via}); only unicast routes have one
 * @param device  the output interface ({@code dev}); only unicast routes have one
 * @param metric  the route's priority, 0..4294967295 (0 when not given, as the kernel does for IPv4)
 */
public record RouteSpec(RouteType type, Ipv4Prefix destination, Optional<Ipv4Address> gateway,
        Optional<String> device, long metric, long table) {

    private static final long MAX_METRIC = 0xffff_ffffL;
    /** The types a topology's static routes may have. */
    private static final List<RouteType> TYPES =
            List.of(RouteType.UNICAST, RouteType.BLACKHOLE, RouteType.UNREACHABLE, RouteType.PROHIBIT);
    private static final Pattern WORD = Pattern.compile("\\S+");

    public RouteSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("a static route cannot be of type " + type.keyword());
        }
        if (metric < 0 || metric > MAX_METRIC) {
            throw new IllegalArgumentException("metric out of range: " + metric);
        }
        if (table < 1 || table > MAX_METRIC) {
            throw new IllegalArgumentException("table out of range: " + table);
        }
        if (type == RouteType.UNICAST && gateway.isEmpty() && device.isEmpty()) {
            throw new IllegalArgumentException("a unicast route needs a gateway or a device");
        }
        if (type != RouteType.UNICAST && (gateway.isPresent() || device.isPresent())) {
            throw new IllegalArgumentException("a " + type.keyword() + " route has no gateway or device");
        }
    }

    /** A route of the main table. */
    public RouteSpec(RouteType type, Ipv4Prefix destination, Optional<Ipv4Address> gateway, Optional<String> device,
            long metric) {
        this(type, destination, gateway, device, metric, RouteTables.MAIN);
    }

    /** {@code PREFIX via GATEWAY}. */
    public static RouteSpec via(Ipv4Prefix destination, Ipv4Address gateway) {
        return new RouteSpec(RouteType.UNICAST, destination, Optional.of(gateway), Optional.empty(), 0);
    }

    /**
     * Parses the {@code ip route} text; options may come in any order, each once.
     *
     * @throws RouteSyntaxException naming the offending word
     */
    public static RouteSpec parse(String text) {
        return new Parser(text).parse();
    }

    public boolean isDefault() {
        return destination.length() == 0;
    }

    /** The text {@code ip route} would take back: type, destination, via, dev, metric (when not 0). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (type != RouteType.UNICAST) {
            out.append(type.keyword()).append(' ');
        }
        out.append(isDefault() ? "default" : destination.length() == 32 ? destination.network() : destination);
        gateway.ifPresent(g -> out.append(" via ").append(g));
        device.ifPresent(d -> out.append(" dev ").append(d));
        if (metric != 0) {
            out.append(" metric ").append(metric);
        }
        if (table != RouteTables.MAIN) {
            out.append(" table ").append(RouteTables.name(table));
        }
        return out.toString();
    }

    /** One pass over the words of a route text. */
    private static final class Parser {
        private final String text;
        private final List<String> words = new ArrayList<>();
        private final List<Integer> columns = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            Matcher word = WORD.matcher(text);
            while (word.find()) {
                words.add(word.group());
                columns.add(word.start());
            }
        }

        RouteSpec parse() {
            if (words.isEmpty()) {
                throw error("", text.length(), "empty route; expected e.g. `default via 192.168.1.1'");
            }
            RouteType type = RouteType.UNICAST;
            for (RouteType candidate : TYPES) {
                if (candidate.keyword().equals(words.get(0))) {
                    type = candidate;
                    next++;
                }
            }
            Ipv4Prefix destination = destination();
            Ipv4Address gateway = null;
            String device = null;
            Long metric = null;
            Long table = null;
            while (next < words.size()) {
                int at = next;
                String option = words.get(next++);
                switch (option) {
                    case "via" -> gateway = once(gateway, at, parseGateway(type, at));
                    case "dev" -> device = once(device, at, argument(at, "an interface name"));
                    case "metric" -> metric = once(metric, at, parseMetric(at));
                    case "table" -> table = once(table, at, parseTable(at));
                    default -> throw error(option, columns.get(at), "unexpected word `" + option
                            + "'; expected " + (type == RouteType.UNICAST ? "via, dev, metric or table"
                                    : "metric or table"));
                }
            }
            if (type != RouteType.UNICAST && device != null) {
                int at = words.indexOf("dev");
                throw error("dev", columns.get(at), "a " + type.keyword() + " route takes no `dev'");
            }
            if (type == RouteType.UNICAST && gateway == null && device == null) {
                throw error("", text.length(), "a route needs `via ADDRESS' or `dev INTERFACE'");
            }
            return new RouteSpec(type, destination, Optional.ofNullable(gateway), Optional.ofNullable(device),
                    metric == null ? 0 : metric, table == null ? RouteTables.MAIN : table);
        }

        private Ipv4Prefix destination() {
            if (next == words.size()) {
                throw error("", text.length(), "missing destination; expected `default' or a prefix A.B.C.D/LEN");
            }
            int at = next++;
            String word = words.get(at);
            if (word.equals("default")) {
                return Ipv4Prefix.ANY;
            }
            Ipv4Prefix prefix = Ipv4Prefix.tryParse(word).orElseThrow(() -> error(word, columns.get(at),
                    "invalid destination `" + word + "'; expected `default' or a prefix A.B.C.D/LEN"));
            String address = word.contains("/") ? word.substring(0, word.indexOf('/')) : word;
            if (!prefix.network().equals(Ipv4Address.parse(address))) {
                throw error(word, columns.get(at), "invalid prefix `" + word + "' for its length (host bits set);"
                        + " did you mean " + prefix + "?");
            }
            return prefix;
        }

        private Ipv4Address parseGateway(RouteType type, int at) {
            if (type != RouteType.UNICAST) {
                throw error("via", columns.get(at), "a " + type.keyword() + " route takes no `via'");
            }
            String word = argument(at, "a gateway address");
            return Ipv4Address.tryParse(word).orElseThrow(() -> error(word, columns.get(at + 1),
                    "invalid gateway address `" + word + "'; expected A.B.C.D"));
        }

        private long parseMetric(int at) {
            String word = argument(at, "a number");
            if (word.matches("[0-9]{1,10}") && Long.parseLong(word) <= MAX_METRIC) {
                return Long.parseLong(word);
            }
            throw error(word, columns.get(at + 1), "invalid metric `" + word + "'; expected 0.." + MAX_METRIC);
        }

        private long parseTable(int at) {
            String word = argument(at, "a table");
            Optional<Long> table = word.matches("[0-9]{1,10}|main|local|default") ? RouteTables.parse(word)
                    : Optional.empty();
            if (table.isPresent() && table.get() >= 1 && table.get() <= MAX_METRIC) {
                return table.get();
            }
            throw error(word, columns.get(at + 1), "invalid table `" + word
                    + "'; expected 1.." + MAX_METRIC + ", main, local or default");
        }

        /** The word after the option at {@code at}. */
        private String argument(int at, String expected) {
            if (next == words.size()) {
                throw error("", text.length(), "`" + words.get(at) + "' needs " + expected);
            }
            return words.get(next++);
        }

        private <T> T once(T previous, int at, T value) {
            if (previous != null) {
                throw error(words.get(at), columns.get(at), "`" + words.get(at) + "' given twice");
            }
            return value;
        }

        private RouteSyntaxException error(String word, int column, String problem) {
            return new RouteSyntaxException(text, word, column, problem);
        }
    }
}
